using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace ModelGen.Onnx
{
    /// <summary>An ONNX graph the importer cannot lower; the message names the op and the node.</summary>
    public sealed class OnnxImportException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public OnnxImportException(string message) : base(message) { }
    }

    /// <summary>What to call the imported model.</summary>
    /// <param name="Namespace">The C# namespace of the declaration.</param>
    /// <param name="ClassName">The model class name; the weights file is named after it.</param>
    /// <param name="SourceName">The ONNX file's name, for the header comment (no directory, so the output is the same anywhere).</param>
    /// <param name="Frozen">
    /// Declare a frozen inference model (<c>[FrozenWeights("{ClassName}.safetensors")]</c>, docs/embedding.md) whose
    /// weights the compiler reads from the written file, instead of a trainable <c>[Model]</c> that loads them at run time.
    /// </param>
    public sealed record ImportOptions(string Namespace, string ClassName, string SourceName, bool Frozen = false);

    /// <summary>One Dense layer as lowered: kernel [inputs, units] row-major (Keras' layout), optional bias, activation.</summary>
    public sealed class ImportedDense
    {
        internal ImportedDense(string name, int inputs, int units, double[] kernel, string source)
        {
            Name = name;
            Inputs = inputs;
            Units = units;
            Kernel = kernel;
            Sources.Add(source);
        }

        /// <summary>The layer name, Keras-style: dense, dense_1, ...</summary>
        public string Name { get; }
        /// <summary>Inputs per sample.</summary>
        public int Inputs { get; }
        /// <summary>Output units.</summary>
        public int Units { get; }
        /// <summary>The kernel, [inputs, units] row-major.</summary>
        public double[] Kernel { get; }
        /// <summary>The bias, null for a layer without one.</summary>
        public double[]? Bias { get; internal set; }
        /// <summary>The activation; null until an activation node sets it (identity then).</summary>
        public Activation? Activation { get; internal set; }
        /// <summary>LeakyRelu's slope (ONNX alpha).</summary>
        public float NegativeSlope { get; internal set; }
        /// <summary>Elu's alpha.</summary>
        public float Alpha { get; internal set; }
        /// <summary>The ONNX nodes this layer came from, e.g. <c>Gemm '/0/Gemm'</c>.</summary>
        public List<string> Sources { get; } = new();
    }

    /// <summary>The result of an import: the C# declaration and the weights under Keras names and layouts.</summary>
    public sealed class ImportedModel
    {
        internal ImportedModel(string source, IReadOnlyList<SafeTensor> tensors, int[] inputShape, bool flatten, IReadOnlyList<ImportedDense> layers)
        {
            Source = source;
            Tensors = tensors;
            InputShape = inputShape;
            Flatten = flatten;
            Layers = layers;
        }

        /// <summary>The declaration: one .cs file with [Model], [Input], [Flatten] and [Dense(..., Name = ...)].</summary>
        public string Source { get; }
        /// <summary><c>{layer}.kernel</c> [inputs, units] and <c>{layer}.bias</c> [units], as <see cref="CompiledModel.Load(string)"/> reads them.</summary>
        public IReadOnlyList<SafeTensor> Tensors { get; }
        /// <summary>The input shape of one sample.</summary>
        public int[] InputShape { get; }
        /// <summary>Whether the declaration starts with [Flatten].</summary>
        public bool Flatten { get; }
        /// <summary>The Dense layers.</summary>
        public IReadOnlyList<ImportedDense> Layers { get; }

        /// <summary>Writes <c>{ClassName}.cs</c> and <c>{ClassName}.safetensors</c> into <paramref name="directory"/>, each atomically.</summary>
        public (string Declaration, string Weights) WriteTo(string directory, string className)
        {
            Directory.CreateDirectory(directory);
            string cs = Path.Combine(directory, className + ".cs");
            string weights = Path.Combine(directory, className + ".safetensors");
            SafeTensors.Write(weights, Tensors, new Dictionary<string, string> { ["format"] = "modelgen", ["model"] = className });
            string temp = cs + ".tmp-" + Guid.NewGuid().ToString("N").Substring(0, 12);
            File.WriteAllText(temp, Source);
            File.Move(temp, cs, overwrite: true);
            return (cs, weights);
        }
    }

    /// <summary>
    /// Lowers an ONNX graph of a dense network to a ModelGen declaration and its weights. The graph must be a chain
    /// from its one input to its one output: Gemm or MatMul (+ Add) become a Dense; Relu, Tanh, Sigmoid, Softmax (last
    /// axis), LeakyRelu and Elu become that Dense's activation; an inference BatchNormalization right after the matrix
    /// product is folded into its kernel and bias; Dropout and Identity vanish; Flatten of the input becomes [Flatten].
    /// Anything else is an <see cref="OnnxImportException"/> naming the op and the node.
    /// </summary>
    public static class OnnxImporter
    {
        /// <summary>The ops the importer lowers, for error messages and the docs.</summary>
        public static readonly string[] SupportedOps =
            { "Gemm", "MatMul", "Add", "BatchNormalization", "Relu", "Tanh", "Sigmoid", "Softmax", "LeakyRelu", "Elu", "Flatten", "Dropout", "Identity", "Constant" };

        /// <summary>Reads and lowers an .onnx file.</summary>
        public static ImportedModel Import(string path, string @namespace, string? className = null, bool frozen = false)
        {
            string name = className ?? ClassNameFor(path);
            return Import(OnnxModel.Load(path), new ImportOptions(@namespace, name, Path.GetFileName(path), frozen));
        }

        /// <summary>A class name from a file name: <c>relu_softmax.onnx</c> → <c>ReluSoftmax</c>.</summary>
        public static string ClassNameFor(string path)
        {
            string stem = Path.GetFileNameWithoutExtension(path);
            var parts = stem.Split(new[] { '_', '-', '.', ' ' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1));
            string name = string.Concat(parts.Select(p => new string(p.Where(char.IsLetterOrDigit).ToArray())));
            return name.Length == 0 || char.IsDigit(name[0]) ? "Imported" + name : name;
        }

        /// <summary>Lowers a parsed model.</summary>
        /// <exception cref="OnnxImportException">An unsupported op, or a graph a sequential declaration cannot express.</exception>
        public static ImportedModel Import(OnnxModel model, ImportOptions options)
        {
            var lowering = new Lowering(model);
            lowering.Run();
            var tensors = new List<SafeTensor>();
            foreach (ImportedDense d in lowering.Layers)
            {
                tensors.Add(new SafeTensor(d.Name + ".kernel", "F32", new[] { d.Inputs, d.Units }, ToFloats(d.Kernel)));
                if (d.Bias is not null) tensors.Add(new SafeTensor(d.Name + ".bias", "F32", new[] { d.Units }, ToFloats(d.Bias)));
            }
            string source = DeclarationWriter.Write(model, options, lowering.InputShape, lowering.Flatten, lowering.Layers);
            return new ImportedModel(source, tensors, lowering.InputShape, lowering.Flatten, lowering.Layers);
        }

        private static float[] ToFloats(double[] values) => Array.ConvertAll(values, v => (float)v);

        /// <summary>The walk along the chain; one instance per import.</summary>
        private sealed class Lowering
        {
            private readonly OnnxModel _model;
            private readonly Dictionary<string, OnnxTensor> _constants = new(StringComparer.Ordinal);
            private readonly Dictionary<string, List<OnnxNode>> _consumers = new(StringComparer.Ordinal);
            private string _current = "";
            private int[] _shape = Array.Empty<int>();

            public Lowering(OnnxModel model) => _model = model;

            public List<ImportedDense> Layers { get; } = new();
            public int[] InputShape { get; private set; } = Array.Empty<int>();
            public bool Flatten { get; private set; }

            /// <summary>The last Dense while nothing but a bias or a batch normalization has followed its product.</summary>
            private ImportedDense? Open => Layers.Count > 0 && Layers[^1].Activation is null ? Layers[^1] : null;

            /// <summary>
            /// A BatchNormalization after an activation, waiting for the next Dense: per input feature i it scales by
            /// Scale[i] and adds Shift[i], which folds into that Dense's kernel rows and bias (FoldIntoNext).
            /// </summary>
            private (double[] Scale, double[] Shift, string Source)? _pendingAffine;

            public void Run()
            {
                OnnxGraph graph = _model.Graph;
                foreach (OnnxTensor t in graph.Initializers) _constants[t.Name] = t;
                foreach (OnnxNode node in graph.Nodes)
                {
                    if (node.OpType == "Constant" && node.Attribute("value")?.T is { } value) _constants[node.Outputs[0]] = value;
                    // torch.onnx writes Identity nodes over initializers (shared or duplicated weights): a constant too.
                    if (node.OpType == "Identity" && node.Inputs.Count == 1 && _constants.TryGetValue(node.Inputs[0], out OnnxTensor? source))
                    {
                        _constants[node.Outputs[0]] = source;
                    }
                    foreach (string input in node.Inputs)
                    {
                        if (input.Length == 0) continue;
                        if (!_consumers.TryGetValue(input, out var list)) _consumers[input] = list = new List<OnnxNode>();
                        list.Add(node);
                    }
                }

                OnnxValueInfo input0 = TheInput(graph);
                if (graph.Outputs.Count != 1)
                {
                    throw new OnnxImportException(
                        $"The graph has {graph.Outputs.Count} outputs ({string.Join(", ", graph.Outputs.Select(o => $"'{o.Name}'"))}); a ModelGen model has one.");
                }
                _current = input0.Name;
                InputShape = _shape = SampleShape(input0);

                foreach (OnnxNode node in graph.Nodes)
                {
                    if (node.OpType == "Constant" && node.Domain.Length == 0) continue;
                    if (node.OpType == "Identity" && node.Outputs.Count == 1 && _constants.ContainsKey(node.Outputs[0])) continue; // a weight, read above
                    Lower(node);
                }
                if (_current != graph.Outputs[0].Name)
                {
                    throw new OnnxImportException($"The graph's output '{graph.Outputs[0].Name}' is not at the end of the chain of nodes from its input (which ends at '{_current}').");
                }
                if (_pendingAffine is { } pending)
                {
                    throw new OnnxImportException($"The {pending.Source} follows the last Dense's activation: there is no Dense after it to fold it into.");
                }
                if (Layers.Count == 0) throw new OnnxImportException("The graph has no Gemm or MatMul: there is no Dense layer to import.");
                foreach (ImportedDense d in Layers) d.Activation ??= ModelGen.Activation.Identity;
            }

            private OnnxValueInfo TheInput(OnnxGraph graph)
            {
                // Older exporters list the initializers among the inputs too: the real input is the one that is not a constant.
                var inputs = graph.Inputs.Where(i => !_constants.ContainsKey(i.Name)).ToList();
                if (inputs.Count != 1)
                {
                    throw new OnnxImportException(
                        $"The graph has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => $"'{i.Name}'"))}); a ModelGen model has one.");
                }
                OnnxValueInfo input = inputs[0];
                if (input.ElementType != OnnxDataType.Float)
                {
                    throw new OnnxImportException($"The input '{input.Name}' has ONNX element type {input.ElementType}; ModelGen models take float32 (1).");
                }
                return input;
            }

            private static int[] SampleShape(OnnxValueInfo input)
            {
                // [batch, d1, d2, ...]: the batch may be symbolic; every other dimension must be a number.
                if (input.Dims is not { Count: >= 2 } dims || dims.Skip(1).Any(d => d is not > 0))
                {
                    string shape = input.Dims is null ? "no shape" : "[" + string.Join(", ", input.Dims.Select(d => d?.ToString(CultureInfo.InvariantCulture) ?? "?")) + "]";
                    throw new OnnxImportException(
                        $"The input '{input.Name}' has shape {shape}; the importer needs [batch, d1, ...] with every dimension after the batch known.");
                }
                return dims.Skip(1).Select(d => checked((int)d!.Value)).ToArray();
            }

            private void Lower(OnnxNode node)
            {
                if (node.Domain.Length != 0 && node.Domain != "ai.onnx")
                {
                    throw new OnnxImportException($"Unsupported op '{node.Domain}.{node.OpType}' at node {node.Display}: only ONNX's own operators are supported ({string.Join(", ", SupportedOps)}).");
                }
                if (!SupportedOps.Contains(node.OpType))
                {
                    throw new OnnxImportException(
                        $"Unsupported op '{node.OpType}' at node {node.Display}. ModelGen imports dense networks; the supported ops are {string.Join(", ", SupportedOps)}.");
                }

                var dynamic = node.Inputs.Where(i => i.Length > 0 && !_constants.ContainsKey(i)).ToList();
                if (dynamic.Count > 1)
                {
                    throw new OnnxImportException(
                        $"{node.OpType} node {node.Display} combines two computed tensors ({string.Join(", ", dynamic.Select(d => $"'{d}'"))}): a branch or skip " +
                        "connection, which a sequential ModelGen declaration cannot express.");
                }
                if (dynamic.Count == 0 || dynamic[0] != _current)
                {
                    throw new OnnxImportException(
                        $"{node.OpType} node {node.Display} does not read the output of the previous layer ('{_current}'): the graph is not a single chain, " +
                        "which a sequential ModelGen declaration needs.");
                }

                switch (node.OpType)
                {
                    case "Gemm": Gemm(node); break;
                    case "MatMul": MatMul(node); break;
                    case "Add": Add(node); break;
                    case "BatchNormalization": BatchNormalization(node); break;
                    case "Relu": SetActivation(node, ModelGen.Activation.Relu); break;
                    case "Tanh": SetActivation(node, ModelGen.Activation.Tanh); break;
                    case "Sigmoid": SetActivation(node, ModelGen.Activation.Sigmoid); break;
                    case "Softmax": Softmax(node); break;
                    case "LeakyRelu": SetActivation(node, ModelGen.Activation.LeakyRelu).NegativeSlope = node.Float("alpha", 0.01f); break;
                    case "Elu": SetActivation(node, ModelGen.Activation.Elu).Alpha = node.Float("alpha", 1f); break;
                    case "Flatten": FlattenNode(node); break;
                    case "Dropout":
                    case "Identity":
                        break; // inference: the identity
                }
                Advance(node);
            }

            /// <summary>Moves the chain to the node's output, refusing a fan-out (a branch) and a use of a secondary output.</summary>
            private void Advance(OnnxNode node)
            {
                for (int i = 1; i < node.Outputs.Count; i++)
                {
                    if (node.Outputs[i].Length > 0 && _consumers.ContainsKey(node.Outputs[i]))
                    {
                        throw new OnnxImportException($"{node.OpType} node {node.Display}'s output {i} ('{node.Outputs[i]}') is used; the importer supports inference graphs, which use output 0 only.");
                    }
                }
                _current = node.Outputs[0];
                if (_consumers.TryGetValue(_current, out var next) && next.Count > 1)
                {
                    throw new OnnxImportException(
                        $"The output '{_current}' of {node.OpType} node {node.Display} feeds {next.Count} nodes ({string.Join(", ", next.Select(n => $"{n.OpType} {n.Display}"))}): " +
                        "a branch or skip connection, which a sequential ModelGen declaration cannot express.");
                }
            }

            private int Features(OnnxNode node)
            {
                if (_shape.Length != 1)
                {
                    throw new OnnxImportException(
                        $"{node.OpType} node {node.Display} multiplies a sample of shape [{string.Join(", ", _shape)}]; a Dense takes a vector, so flatten it first (nn.Flatten).");
                }
                return _shape[0];
            }

            private double[] Constant(OnnxNode node, int index, string role)
            {
                if (index >= node.Inputs.Count || node.Inputs[index].Length == 0 || !_constants.TryGetValue(node.Inputs[index], out OnnxTensor? t))
                {
                    throw new OnnxImportException($"{node.OpType} node {node.Display}: the {role} (input {index}) must be a constant initializer.");
                }
                try
                {
                    return t.ToDoubles();
                }
                catch (InvalidDataException e)
                {
                    throw new OnnxImportException($"{node.OpType} node {node.Display}: {e.Message}.");
                }
            }

            private long[] DimsOf(OnnxNode node, int index) => _constants[node.Inputs[index]].Dims.ToArray();

            private void Gemm(OnnxNode node)
            {
                // Y = alpha · A' B' + beta · C, with A' = A (transA must be 0: A is the batch) and B' = transB ? Bᵀ : B.
                if (node.Int("transA", 0) != 0 || node.Inputs[0] != _current)
                {
                    throw new OnnxImportException($"Gemm node {node.Display} multiplies the batch from the right or transposed (transA = 1); a Dense computes x W.");
                }
                int inputs = Features(node);
                double alpha = node.Float("alpha", 1f), beta = node.Float("beta", 1f);
                bool transB = node.Int("transB", 0) != 0;
                double[] b = Constant(node, 1, "weight B");
                long[] dims = DimsOf(node, 1);
                if (dims.Length != 2 || dims[transB ? 1 : 0] != inputs)
                {
                    throw new OnnxImportException(
                        $"Gemm node {node.Display}: B has shape [{string.Join(", ", dims)}] (transB = {(transB ? 1 : 0)}), which does not take {inputs} inputs.");
                }
                int units = (int)dims[transB ? 0 : 1];
                var kernel = new double[inputs * units];
                for (int i = 0; i < inputs; i++)
                {
                    for (int o = 0; o < units; o++) kernel[i * units + o] = alpha * (transB ? b[o * inputs + i] : b[i * units + o]);
                }
                ImportedDense dense = NewDense(node, inputs, units, kernel);
                if (node.Inputs.Count > 2 && node.Inputs[2].Length > 0)
                {
                    double[] c = BiasOf(node, 2, units);
                    // Added to what a folded normalization before this Dense may have put there.
                    dense.Bias = c.Select((v, j) => beta * v + (dense.Bias?[j] ?? 0)).ToArray();
                }
            }

            private void MatMul(OnnxNode node)
            {
                if (node.Inputs[0] != _current)
                {
                    throw new OnnxImportException($"MatMul node {node.Display} multiplies a constant by the batch (W x); a Dense computes x W.");
                }
                int inputs = Features(node);
                double[] w = Constant(node, 1, "weight");
                long[] dims = DimsOf(node, 1);
                if (dims.Length != 2 || dims[0] != inputs)
                {
                    throw new OnnxImportException($"MatMul node {node.Display}: the weight has shape [{string.Join(", ", dims)}], not [{inputs}, units].");
                }
                NewDense(node, inputs, (int)dims[1], w);
            }

            private ImportedDense NewDense(OnnxNode node, int inputs, int units, double[] kernel)
            {
                string name = Layers.Count == 0 ? "dense" : $"dense_{Layers.Count}";
                if (Layers.Count > 0) Layers[^1].Activation ??= ModelGen.Activation.Identity; // closed: nothing more folds into it
                var dense = new ImportedDense(name, inputs, units, kernel, $"{node.OpType} {node.Display}");
                if (_pendingAffine is { } affine) FoldIntoNext(node, dense, affine);
                Layers.Add(dense);
                _shape = new[] { units };
                return dense;
            }

            /// <summary>The pending normalization of this Dense's inputs, x' = s x + t: b += t W (with W as read), then W[i, :] *= s_i.</summary>
            private void FoldIntoNext(OnnxNode node, ImportedDense dense, (double[] Scale, double[] Shift, string Source) affine)
            {
                if (affine.Scale.Length != dense.Inputs)
                {
                    throw new OnnxImportException(
                        $"{node.OpType} node {node.Display} takes {dense.Inputs} inputs, but the {affine.Source} before it normalizes {affine.Scale.Length} features.");
                }
                var bias = new double[dense.Units];
                for (int i = 0; i < dense.Inputs; i++)
                {
                    for (int j = 0; j < dense.Units; j++)
                    {
                        bias[j] += affine.Shift[i] * dense.Kernel[i * dense.Units + j];
                        dense.Kernel[i * dense.Units + j] *= affine.Scale[i];
                    }
                }
                dense.Bias = bias;
                dense.Sources.Insert(0, affine.Source);
                _pendingAffine = null;
            }

            /// <summary>A per-unit vector: shape [units] or [1, units], or a scalar broadcast to every unit.</summary>
            private double[] BiasOf(OnnxNode node, int index, int units)
            {
                double[] c = Constant(node, index, "bias");
                long[] dims = DimsOf(node, index);
                if (c.Length == units && dims.Length >= 1 && dims[^1] == units && dims.Take(dims.Length - 1).All(d => d == 1)) return c;
                if (c.Length == 1) return Enumerable.Repeat(c[0], units).ToArray();
                throw new OnnxImportException(
                    $"{node.OpType} node {node.Display}: input {index} ('{node.Inputs[index]}') has shape [{string.Join(", ", dims)}], but it must hold one value " +
                    $"per unit of the Dense before it ([{units}]).");
            }

            private ImportedDense OpenDense(OnnxNode node, string what)
            {
                if (Open is { } dense) return dense;
                string after = Layers.Count == 0 ? "no Dense (it acts on the input)" : $"the activation of Dense '{Layers[^1].Name}'";
                throw new OnnxImportException($"{node.OpType} node {node.Display} follows {after}; the importer can only {what} a Gemm or MatMul before its activation.");
            }

            private void Add(OnnxNode node)
            {
                ImportedDense dense = OpenDense(node, "add a bias right after");
                int index = node.Inputs[0] == _current ? 1 : 0;
                double[] c = BiasOf(node, index, dense.Units);
                dense.Bias = dense.Bias is null ? c : dense.Bias.Zip(c, (a, b) => a + b).ToArray();
                dense.Sources.Add($"Add {node.Display}");
            }

            private void BatchNormalization(OnnxNode node)
            {
                // Inference: y = scale (x - mean) / √(var + ε) + shift = s x + (shift - s·mean), s = scale / √(var + ε),
                // so on x = h W + b: W'[:, j] = s_j W[:, j] and b'_j = s_j (b_j - mean_j) + shift_j.
                if (node.Int("training_mode", 0) != 0)
                {
                    throw new OnnxImportException($"BatchNormalization node {node.Display} is in training mode; export the model in eval mode (model.eval()).");
                }
                double epsilon = node.Float("epsilon", 1e-5f);
                if (Open is null && Layers.Count > 0 && _pendingAffine is null)
                {
                    // After the activation: y = s x + t per feature, folded into the next Dense (W'[i, :] = s_i W[i, :],
                    // b' = b + t W), as ModelGen's own [BatchNormalization] after an activation folds for inference.
                    int features = Layers[^1].Units;
                    double[] gamma = BiasOf(node, 1, features), beta = BiasOf(node, 2, features);
                    double[] mu = BiasOf(node, 3, features), sigma2 = BiasOf(node, 4, features);
                    var s = new double[features];
                    var t = new double[features];
                    for (int i = 0; i < features; i++)
                    {
                        s[i] = gamma[i] / Math.Sqrt(sigma2[i] + epsilon);
                        t[i] = beta[i] - s[i] * mu[i];
                    }
                    _pendingAffine = (s, t, $"BatchNormalization {node.Display}");
                    return;
                }
                ImportedDense dense = OpenDense(node, "fold a BatchNormalization into");
                double[] scale = BiasOf(node, 1, dense.Units), shift = BiasOf(node, 2, dense.Units);
                double[] mean = BiasOf(node, 3, dense.Units), variance = BiasOf(node, 4, dense.Units);
                double[] bias = dense.Bias ?? new double[dense.Units];
                for (int j = 0; j < dense.Units; j++)
                {
                    double s = scale[j] / Math.Sqrt(variance[j] + epsilon);
                    for (int i = 0; i < dense.Inputs; i++) dense.Kernel[i * dense.Units + j] *= s;
                    bias[j] = s * (bias[j] - mean[j]) + shift[j];
                }
                dense.Bias = bias;
                dense.Sources.Add($"BatchNormalization {node.Display}");
            }

            private ImportedDense SetActivation(OnnxNode node, Activation activation)
            {
                ImportedDense dense = OpenDense(node, $"apply {node.OpType} to the output of");
                dense.Activation = activation;
                dense.Sources.Add($"{node.OpType} {node.Display}");
                return dense;
            }

            private void Softmax(OnnxNode node)
            {
                // Opset 13 defaults to the last axis, earlier opsets to axis 1 of the 2-D flattened view: after a Dense
                // (output [batch, units]) both are the units, which is ModelGen's softmax.
                long axis = node.Int("axis", _model.DefaultOpset >= 13 ? -1 : 1);
                if (axis is not (-1 or 1))
                {
                    throw new OnnxImportException($"Softmax node {node.Display} normalizes over axis {axis}; ModelGen's softmax is over a Dense's units (axis -1).");
                }
                SetActivation(node, ModelGen.Activation.Softmax);
            }

            private void FlattenNode(OnnxNode node)
            {
                long axis = node.Int("axis", 1);
                if (axis != 1)
                {
                    throw new OnnxImportException($"Flatten node {node.Display} has axis {axis}; only axis 1 (keep the batch, flatten each sample) is a ModelGen [Flatten].");
                }
                if (_shape.Length == 1) return; // already a vector: nothing to do
                if (Layers.Count > 0)
                {
                    throw new OnnxImportException($"Flatten node {node.Display} comes after a Dense; ModelGen flattens only the input.");
                }
                Flatten = true;
                _shape = new[] { _shape.Aggregate(1, (a, b) => a * b) };
            }
        }
    }
}
