using System;
using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;
using ModelGen.Generators.Ops;
using ModelGen.Generators.Planning;

namespace ModelGen.Generators.Validation
{
    /// <summary>
    /// Checks a declaration and infers every layer's shapes. Reports every problem it finds (not only the first), each
    /// at the attribute that causes it, and returns no model if there was any.
    /// </summary>
    public static class ModelValidator
    {
        /// <summary>Validates <paramref name="model"/>.</summary>
        public static Result<CheckedModel> Validate(ModelDeclaration model)
        {
            var diagnostics = new List<DiagnosticInfo>();
            ModelOptions options = model.Options;
            CheckOptions(model, diagnostics);
            GraphValidator.CheckSequential(model, diagnostics);
            TrainingMathValidator.Check(model, diagnostics);

            var layers = new List<CheckedLayer>();
            int[]? shape = null;
            bool sawInput = false;
            long totalParameters = 0;
            bool reportedTooLarge = false;
            var names = new HashSet<string>(StringComparer.Ordinal);
            var counters = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int index = 0; index < model.Layers.Count; index++)
            {
                LayerDeclaration layer = model.Layers[index];
                string name = layer.Name ?? DefaultName(layer.Kind, counters);
                CheckName(model, layer, name, names, diagnostics);

                if (layer.Kind == LayerKind.Input)
                {
                    if (index != 0)
                    {
                        string why = sawInput ? "it appears more than once" : "it comes after another layer";
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputNotFirst, layer.Location, model.ClassName, why));
                        continue;
                    }
                    if (layer.Shape.Count == 0)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, layer.Location, "The shape", name, "empty"));
                    }
                    foreach (int d in layer.Shape)
                    {
                        if (d <= 0) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, layer.Location, "A dimension", name, d));
                    }
                    shape = layer.Shape.ToArray();
                    sawInput = true;
                    if (Product(shape) > int.MaxValue)
                    {
                        reportedTooLarge = true; // one MG0016 is enough: the layers after it are too large for the same reason
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelTooLarge, layer.Location, model.ClassName, Product(shape), "input per sample"));
                    }
                    continue;
                }
                if (shape is null)
                {
                    // An [Input] further down is reported as misplaced (MG0006); only a model with none lacks one.
                    if (index == 0 && !model.Layers.Any(l => l.Kind == LayerKind.Input))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingInput, model.Location, model.ClassName));
                    }
                    shape = new[] { 1 };
                }

                int[] inputShape = shape;
                switch (layer.Kind)
                {
                    case LayerKind.Flatten:
                        shape = new[] { (int)Math.Min(Product(shape), int.MaxValue) };
                        layers.Add(Checked(layer, name, inputShape, shape));
                        break;
                    case LayerKind.Normalization:
                        NormalizationValidator.CheckSequential(model, layer, name, shape, layers, diagnostics);
                        layers.Add(Checked(layer, name, inputShape, shape));
                        break;
                    case LayerKind.Dense:
                        CheckDense(model, layer, name, shape, diagnostics);
                        CheckedLayer dense = Checked(layer, name, inputShape, new[] { layer.Units }) with
                        {
                            KernelInit = layer.KernelInit == Init.Default ? Init.GlorotUniform : layer.KernelInit,
                            BiasInit = layer.BiasInit == Init.Default ? Init.Zeros : layer.BiasInit,
                            KernelArguments = layer.KernelArguments.Resolve(),
                            BiasArguments = layer.BiasArguments.Resolve(),
                            DropoutRate = layer.DropoutRate,
                            AlphaDropout = layer.AlphaDropout,
                            BatchNorm = BatchNormValidator.Check(model, layer, names, counters, diagnostics),
                        };
                        // As the planner lays them out: the kernel padded to whole 16-column vectors, the bias if any, and
                        // the tensor the activation learns (PReLU's alpha, a learned Swish beta), each slice aligned.
                        int units = Math.Max(layer.Units, 0);
                        totalParameters += Aligned(Product(shape) * Aligned(units)) + (layer.UseBias ? Aligned(units) : 0)
                            + Aligned(ActivationPlanner.ParameterCount(dense, units));
                        if (totalParameters * ArenaCopies(options) > int.MaxValue && !reportedTooLarge)
                        {
                            reportedTooLarge = true;
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelTooLarge, layer.Location, model.ClassName,
                                totalParameters * ArenaCopies(options), "parameters and optimizer state"));
                        }
                        shape = new[] { layer.Units };
                        layers.Add(dense);
                        break;
                }
            }
            if (model.Layers.Count == 0) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingInput, model.Location, model.ClassName));

            CheckedLayer? output = layers.LastOrDefault(l => l.Kind == LayerKind.Dense);
            if (output is null && model.Layers.Count > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, model.Location, model.ClassName));
            }
            else if (output is not null)
            {
                CheckOutputAgainstLoss(model, output, diagnostics);
                LossValidator.CheckMetrics(model, output, diagnostics);
                int denseLayers = layers.Count(l => l.Kind == LayerKind.Dense);
                if (model.Options.Loss == Loss.Perceptron && denseLayers > 1)
                {
                    // Reported at the second Dense: the rule has no way to assign blame to a hidden layer.
                    LocationInfo? at = model.Layers.Where(l => l.Kind == LayerKind.Dense).Skip(1).First().Location;
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PerceptronNeedsOneLayer, at, model.ClassName, denseLayers));
                }
            }
            LossValidator.CheckLossOptions(model, diagnostics);

            if (diagnostics.Count > 0) return new Result<CheckedModel>(null, diagnostics.ToEquatableArray());
            float learningRate = options.LearningRate != 0 ? options.LearningRate : DefaultLearningRate(options.Optimizer);
            var checkedModel = new CheckedModel(model.Namespace, model.ClassName, options.Loss, options.Optimizer, learningRate,
                options.FromLogits, options.UnrollThreshold, options.Momentum, options.Nesterov,
                OptimizerRules.Resolve(options.Optimizer, options.Hyperparameters), model.Layers[0].Name ?? "input", model.Layers[0].Shape, layers.ToEquatableArray())
            {
                HuberDelta = options.HuberDelta,
                Metrics = options.Metrics,
                Clipping = options.Clipping,
            };
            return new Result<CheckedModel>(checkedModel, EquatableArray<DiagnosticInfo>.Empty);
        }

        /// <summary>Floats rounded up to a 64-byte line, as the planner lays tensors out.</summary>
        private static long Aligned(long floats) => (floats + 15) / 16 * 16;

        /// <summary>The largest arena, in copies of the parameter layout: the optimizer state's slots (Adam's m and v: two).</summary>
        private static int ArenaCopies(ModelOptions options) => OptimizerRules.StateSlots(options);

        /// <summary>Keras' default learning rates: SGD 0.01, every other 0.001.</summary>
        private static float DefaultLearningRate(Optimizer optimizer) => OptimizerRules.DefaultLearningRate(optimizer);

        internal static void CheckOptions(ModelDeclaration model, List<DiagnosticInfo> diagnostics)
        {
            ModelOptions o = model.Options;
            CheckEnum(o.Loss, o.Location, diagnostics);
            CheckEnum(o.Optimizer, o.Location, diagnostics);
            if (o.LearningRate < 0 || float.IsNaN(o.LearningRate) || float.IsInfinity(o.LearningRate))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLearningRate, o.Location, model.ClassName, o.LearningRate));
            }
            bool momentumSet = o.Momentum != 0 || o.Nesterov;
            if (!(o.Momentum >= 0 && o.Momentum <= 1))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMomentum, o.Location, model.ClassName, $"Momentum is {o.Momentum}: it must be in [0, 1]"));
            }
            else if (o.Nesterov && o.Optimizer != Optimizer.Sgd)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMomentum, o.Location, model.ClassName, $"Nesterov applies to Optimizer.Sgd, not {o.Optimizer}"));
            }
            else if (momentumSet && !OptimizerRules.UsesMomentum(o.Optimizer))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMomentum, o.Location, model.ClassName, $"Momentum applies to Optimizer.Sgd and Optimizer.RmsProp, not {o.Optimizer}"));
            }
            else if (o.Nesterov && o.Momentum == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMomentum, o.Location, model.ClassName, "Nesterov needs a Momentum above 0"));
            }
            OptimizerRules.Check(model, diagnostics);
            if (o.UnrollThreshold < 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidUnrollThreshold, o.Location, model.ClassName, o.UnrollThreshold));
            }
        }

        private static void CheckDense(ModelDeclaration model, LayerDeclaration layer, string name, int[] shape, List<DiagnosticInfo> diagnostics)
        {
            if (layer.Units <= 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, layer.Location, "Units", name, layer.Units));
            }
            if (shape.Length != 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DenseNeedsFlatInput, layer.Location, name, FormatShape(shape)));
            }
            CheckEnum(layer.Activation, layer.Location, diagnostics);
            ActivationValidator.Check(layer, name, diagnostics);
            CheckEnum(layer.KernelInit, layer.Location, diagnostics);
            CheckEnum(layer.BiasInit, layer.Location, diagnostics);
            InitializerValidator.Check(layer, name, diagnostics);
        }

        private static void CheckOutputAgainstLoss(ModelDeclaration model, CheckedLayer output, List<DiagnosticInfo> diagnostics)
        {
            ModelOptions o = model.Options;
            LocationInfo? at = model.Layers.LastOrDefault(l => l.Kind == LayerKind.Dense)?.Location ?? o.Location;
            string? problem = null;
            if (o.Loss == Loss.SparseCategoricalCrossEntropy)
            {
                int classes = output.OutputShape[0];
                if (classes < 2)
                    problem = $"SparseCategoricalCrossEntropy needs at least 2 classes, but the output layer '{output.Name}' has {classes} unit: use MeanSquaredError for one output";
                else if (o.FromLogits && output.Activation == Activation.Softmax)
                    problem = $"FromLogits = true expects logits, but the output layer '{output.Name}' applies Softmax: remove the activation or set FromLogits = false";
                else if (!o.FromLogits && output.Activation != Activation.Softmax)
                    problem = $"SparseCategoricalCrossEntropy expects probabilities, but the output layer '{output.Name}' uses {output.Activation}: end with Activation.Softmax or set FromLogits = true";
            }
            else if (o.Loss is Loss.BinaryCrossEntropy or Loss.CategoricalCrossEntropy)
            {
                problem = LossValidator.CrossEntropyProblem(o.Loss, o.FromLogits, output);
            }
            else if (o.Loss == Loss.Perceptron && output.Activation is not (Activation.Step or Activation.Sign))
            {
                problem = $"Loss.Perceptron is the learning rule of threshold units, but the output layer '{output.Name}' uses {output.Activation}: end with Activation.Step (0/1 targets) or Activation.Sign (-1/1 targets)";
            }
            else if (o.FromLogits)
            {
                problem = $"FromLogits applies to cross-entropy losses only, not {o.Loss}: remove FromLogits";
                at = o.Location;
            }
            if (problem is not null) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutputDoesNotFitLoss, at, problem));
        }

        private static void CheckName(ModelDeclaration model, LayerDeclaration layer, string name, HashSet<string> names, List<DiagnosticInfo> diagnostics)
        {
            bool valid = name.Length > 0 && char.IsLetter(name[0]) && name.All(c => char.IsLetterOrDigit(c) || c == '_');
            if (!valid) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerName, layer.Location, name));
            else if (!names.Add(name)) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateLayerName, layer.Location, name, model.ClassName));
        }

        private static void CheckEnum<TEnum>(TEnum value, LocationInfo? at, List<DiagnosticInfo> diagnostics) where TEnum : struct, Enum
        {
            if (Enum.IsDefined(typeof(TEnum), value)) return;
            string known = string.Join(", ", Enum.GetNames(typeof(TEnum)));
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownOption, at, typeof(TEnum).Name, Convert.ToInt32(value), known));
        }

        /// <summary>Keras' naming: the first Dense is "dense", then "dense_1", "dense_2", ...</summary>
        private static string DefaultName(LayerKind kind, Dictionary<string, int> counters)
        {
            string stem = kind.ToString().ToLowerInvariant();
            counters.TryGetValue(stem, out int seen);
            counters[stem] = seen + 1;
            return seen == 0 ? stem : stem + "_" + seen;
        }

        private static CheckedLayer Checked(LayerDeclaration layer, string name, int[] input, int[] output) => new(
            layer.Kind, name, input.ToEquatableArray(), output.ToEquatableArray(), layer.Activation, layer.UseBias, layer.KernelInit, layer.BiasInit,
            ActivationValidator.Resolve(layer)) { Training = TrainingMathValidator.Resolve(layer.Training) };

        /// <summary>The number of elements, saturated just above int.MaxValue so no product of dimensions can wrap.</summary>
        private static long Product(int[] shape)
        {
            const long Saturated = (long)int.MaxValue + 1;
            long n = 1;
            foreach (int d in shape) n = Math.Min(n * Math.Max(d, 0), Saturated);
            return n;
        }

        /// <summary>Formats a shape as [28, 28].</summary>
        public static string FormatShape(IEnumerable<int> shape) => "[" + string.Join(", ", shape) + "]";
    }
}
