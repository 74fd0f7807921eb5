using System;
using System.Collections.Immutable;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace ModelGen.Generators.Tests.Fuzzing
{
    /// <summary>
    /// FsCheck generators of random declarations. A case starts as a model that follows every rule (so about half of
    /// all cases stay valid and reach the compile check), then takes zero to three random perturbations, each of which
    /// may or may not break a rule: whether the result is valid is decided by <see cref="DeclarationOracle"/> alone,
    /// never by which perturbation was applied. Layout choices that carry no rule (namespace, spelling, attribute
    /// lists, modifiers, a split partial declaration) vary in every case. No generator here depends on FsCheck's size,
    /// so every case draws from the whole space.
    /// </summary>
    internal static class DeclarationGen
    {
        // ---- Layout that carries no rule ----

        /// <summary>
        /// Namespace segments, keywords and names the generated code uses among them. "System" and "ModelGen" never
        /// come first: a model in <c>namespace System</c> called <c>Random</c> would itself capture
        /// <c>global::System.Random</c>, a fault of the declaration, not of the generator; under <c>A.System</c> they
        /// test that the generated code qualifies everything with <c>global::</c>.
        /// </summary>
        private static readonly string[] s_segments = { "Models", "A", "B", "Net", "@event", "@class", "@int", "System", "ModelGen", "Réseaux", "Global" };

        private static Gen<NamespaceSpec> Namespace(bool allowFileScoped) =>
            from style in Gen.Frequency(
                (3, Gen.Constant(NamespaceStyle.Global)),
                (4, Gen.Constant(NamespaceStyle.Block)),
                (allowFileScoped ? 2 : 0, Gen.Constant(NamespaceStyle.FileScoped)),
                (1, Gen.Constant(NamespaceStyle.Nested)))
            from depth in Gen.Frequency((5, Gen.Constant(1)), (3, Gen.Constant(2)), (1, Gen.Constant(3)))
            from head in Gen.Elements(s_segments.Where(x => x is not ("System" or "ModelGen")).ToArray())
            from tail in Gen.ArrayOf(Gen.Elements(s_segments), depth - 1)
            let segments = tail.Prepend(head).ToArray()
            select style == NamespaceStyle.Global ? NamespaceSpec.Global : new NamespaceSpec(style, segments.ToImmutableArray());

        /// <summary>
        /// Class names: plain, verbatim keywords, non-ASCII, and names of things the generated code also uses (a model
        /// called <c>Random</c> or <c>CompiledModel</c> must not capture the generated code's references).
        /// </summary>
        private static readonly Gen<string> s_className = Gen.Frequency(
            (20, Gen.Elements("Net", "Mlp", "Classifier", "Regressor", "Net2", "Net_1")),
            (4, Gen.Elements("@class", "@event", "@int", "Réseau", "Ωmega", "日本")),
            (2, Gen.Elements("Random", "Math", "CompiledModel", "ModelLayout", "TensorSpec", "System", "Simd", "Vector256")),
            (KnownBugs.ClassNameCollidesWithGeneratedMember ? 0 : 1, Gen.Elements("Forward", "Output", "DenseForward", "Dense1Backward", "LossGradient")));

        private static Gen<ClassSpec> ClassLayout =>
            from name in s_className
            from modifier in Gen.Frequency((7, Gen.Constant("")), (1, Gen.Constant("sealed")), (1, Gen.Constant("abstract")), (1, Gen.Constant("unsafe")))
            from access in Gen.Elements("public", "public", "internal", "")
            from semicolon in Gen.Elements(true, false)
            from split in Gen.Frequency((1, Gen.Choose(1, 5).Select(i => (int?)i)), (9, Gen.Constant<int?>(null)))
            select ClassSpec.Plain(name) with { Modifier = modifier, Accessibility = access, SemicolonBody = semicolon, SplitAt = split };

        // ---- Argument values ----

        private static readonly Gen<int> SmallDim = Gen.Frequency((6, Gen.Choose(1, 8)), (3, Gen.Choose(9, 64)), (1, Gen.Choose(65, 784)));

        private static readonly Gen<Arg> Units = Gen.Frequency((5, Gen.Choose(1, 8)), (4, Gen.Choose(9, 64)), (1, Gen.Choose(65, 300))).SelectMany(IntText);

        /// <summary>Any int a size might be: small, zero, negative, huge.</summary>
        private static readonly Gen<Arg> AnyInt = Gen.Frequency(
            (4, Gen.Choose(1, 64)),
            (2, Gen.Constant(0)),
            (2, Gen.Choose(-100, -1)),
            (1, Gen.Elements(int.MaxValue, int.MinValue, 1 << 20, 1 << 30, 50000, 65536))).SelectMany(IntText);

        /// <summary>The C# text of an int: a literal mostly, sometimes hex, a char, a cast or a constant expression.</summary>
        private static Gen<Arg> IntText(int v)
        {
            var forms = new System.Collections.Generic.List<(int, Gen<string>)> { (20, Gen.Constant(v.ToString(System.Globalization.CultureInfo.InvariantCulture))) };
            if (v >= 0) forms.Add((1, Gen.Constant("0x" + v.ToString("X", System.Globalization.CultureInfo.InvariantCulture))));
            if (v is >= 'A' and <= 'Z' or >= 'a' and <= 'z') forms.Add((1, Gen.Constant("'" + (char)v + "'")));
            if (v is >= short.MinValue and <= short.MaxValue) forms.Add((1, Gen.Constant($"(short){(v < 0 ? "(" + v + ")" : v.ToString())}")));
            if (v is > 1 and < int.MaxValue / 2) forms.Add((1, Gen.Constant($"{v / 2} + {v - v / 2}")));
            if (v > 0 && (v & (v - 1)) == 0) forms.Add((2, Gen.Constant("1 << " + System.Numerics.BitOperations.Log2((uint)v))));
            if (v == int.MaxValue) forms.Add((5, Gen.Constant("int.MaxValue")));
            if (v == int.MinValue) forms.Add((5, Gen.Constant("int.MinValue")));
            if (v == 0) forms.Add((2, Gen.Constant("-0")));
            return Gen.Frequency(forms.Select(f => (f.Item1, f.Item2)).ToArray()).Select(text => new Arg(text, v));
        }

        private static readonly Gen<Arg> BrokenInt = Gen.Elements(
            new Arg("\"3\"", null, true), new Arg("3.5f", null, true), new Arg("2.0", null, true), new Arg("3L", null, true),
            new Arg("3u", null, true), new Arg("null", null, true), new Arg("true", null, true), new Arg("(long)3", null, true));

        private static readonly Gen<Arg> ValidActivation = Gen.Elements(
            new Arg("§Activation.Identity", 0), new Arg("§Activation.Sigmoid", 1), new Arg("§Activation.Tanh", 2),
            new Arg("§Activation.Relu", 3), new Arg("§Activation.Softmax", 4), new Arg("0", 0), new Arg("(§Activation)3", 3),
            // The toolbox's activations without a z buffer or a learned tensor (those change the arenas the oracle sizes).
            new Arg("§Activation.HardSigmoid", 7), new Arg("§Activation.LeakyRelu", 9), new Arg("§Activation.Selu", 13), new Arg("(§Activation)21", 21));

        private static readonly Gen<Arg?> AnyActivation = Gen.Frequency(
            (2, Gen.Constant<Arg?>(null)),
            (6, ValidActivation.Select(a => (Arg?)a)),
            (2, Gen.Elements<Arg?>(new Arg("(§Activation)42", 42), new Arg("(§Activation)(-1)", -1), new Arg("(§Activation)22", 22))));

        // Initializers valid on a kernel and on a bias; Orthogonal and Identity (14, 15) are for kernels only (MG0054).
        private static readonly Gen<Arg> ValidInit = Gen.Elements(
            new Arg("§Init.Default", 0), new Arg("§Init.Zeros", 1), new Arg("§Init.GlorotUniform", 2), new Arg("§Init.HeNormal", 3),
            new Arg("§Init.Ones", 4), new Arg("§Init.Constant", 5), new Arg("§Init.RandomNormal", 6), new Arg("§Init.RandomUniform", 7),
            new Arg("§Init.TruncatedNormal", 8), new Arg("§Init.GlorotNormal", 9), new Arg("§Init.HeUniform", 10),
            new Arg("§Init.LeCunNormal", 11), new Arg("§Init.LeCunUniform", 12), new Arg("§Init.VarianceScaling", 13));

        private static readonly Gen<Arg> ValidKernelInit = Gen.Frequency(
            (7, ValidInit), (3, Gen.Elements(new Arg("§Init.Orthogonal", 14), new Arg("§Init.Identity", 15))));

        private static readonly Gen<Arg?> AnyInit = Gen.Frequency(
            (4, Gen.Constant<Arg?>(null)),
            (4, ValidKernelInit.Select(a => (Arg?)a)),
            (2, Gen.Elements<Arg?>(new Arg("(§Init)16", 16), new Arg("(§Init)(-1)", -1), new Arg("(§Init)42", 42))));

        private static readonly Gen<Arg?> AnyLoss = Gen.Elements<Arg?>(
            null, new Arg("§Loss.MeanSquaredError", 0), new Arg("§Loss.SparseCategoricalCrossEntropy", 1), new Arg("0", 0),
            new Arg("§Loss.MeanAbsoluteError", 2), new Arg("§Loss.Huber", 3), new Arg("§Loss.BinaryCrossEntropy", 4),
            new Arg("§Loss.CategoricalCrossEntropy", 5), new Arg("§Loss.Perceptron", 6), new Arg("(§Loss)7", 7), new Arg("(§Loss)(-1)", -1));

        private static readonly Gen<Arg?> AnyFromLogits = Gen.Elements<Arg?>(null, new Arg("true", true), new Arg("false", false));

        private static readonly Gen<Arg?> AnyOptimizer = Gen.Elements<Arg?>(
            null, new Arg("§Optimizer.Sgd", 0), new Arg("§Optimizer.Adam", 1), new Arg("§Optimizer.RmsProp", 3), new Arg("§Optimizer.Nadam", 6),
            new Arg("(§Optimizer)9", 9), new Arg("(§Optimizer)(-3)", -3));

        private static readonly Gen<Arg> ValidLearningRate = Gen.Elements(
            new Arg("0.001f", 0.001f), new Arg("0.1f", 0.1f), new Arg("1f", 1f), new Arg("1", 1f), new Arg("0", 0f), new Arg("0f", 0f),
            new Arg("-0f", -0f), new Arg("1e-7f", 1e-7f), new Arg("100f", 100f), new Arg("float.MaxValue", float.MaxValue),
            new Arg("float.Epsilon", float.Epsilon), new Arg("1e30f", 1e30f), new Arg("(float)0.5", 0.5f), new Arg("0.5F", 0.5f));

        private static readonly Gen<Arg?> AnyLearningRate = Gen.Frequency(
            (1, Gen.Constant<Arg?>(null)),
            (3, ValidLearningRate.Select(a => (Arg?)a)),
            (4, Gen.Elements<Arg?>(
                new Arg("-0.001f", -0.001f), new Arg("-1f", -1f), new Arg("-1", -1f), new Arg("float.NaN", float.NaN),
                new Arg("float.PositiveInfinity", float.PositiveInfinity), new Arg("float.NegativeInfinity", float.NegativeInfinity),
                new Arg("-float.Epsilon", -float.Epsilon), new Arg("float.MinValue", float.MinValue), new Arg("1f / 0f", float.PositiveInfinity),
                new Arg("0f / 0f", float.NaN), new Arg("-1e-30f", -1e-30f))));

        private static readonly Gen<Arg> ValidThreshold = Gen.Elements(
            new Arg("0", 0), new Arg("1", 1), new Arg("16", 16), new Arg("256", 256), new Arg("1024", 1024), new Arg("4096", 4096), new Arg("int.MaxValue", int.MaxValue));

        private static readonly Gen<Arg?> AnyThreshold = Gen.Frequency(
            (1, Gen.Constant<Arg?>(null)),
            (3, ValidThreshold.Select(a => (Arg?)a)),
            (3, Gen.Elements<Arg?>(new Arg("-1", -1), new Arg("int.MinValue", int.MinValue), new Arg("-256", -256))));

        private static readonly string[] s_validNames =
        {
            "hidden", "output", "dense", "dense_1", "dense_2", "flatten", "flatten_1", "input", "class", "int", "x", "X", "Dense",
            "é", "Ωmega", "日本", "ǅx", "a1", "A_b_", "dense_activation", "denseActivation", "dense_forward",
        };

        private static readonly string[] s_invalidNames = { "1st", "", "  ", "a b", "x-y", "_x", "a.b", "q\"uote", "back\\slash", "🙂", "u\u0308", "tab\t" };

        /// <summary>A name argument: absent, explicit null, valid, invalid, or another layer's name.</summary>
        private static Gen<Arg?> AnyName(ModelSpec m)
        {
            string[] taken = m.Layers.Select(l => l.Name?.Value as string).OfType<string>().ToArray();
            var choices = new System.Collections.Generic.List<(int, Gen<Arg?>)>
            {
                (2, Gen.Constant<Arg?>(null)),
                (1, Gen.Constant<Arg?>(new Arg("null", null))),
                (5, Gen.Elements(s_validNames).Select(NameArg)),
                (3, Gen.Elements(s_invalidNames).Select(NameArg)),
            };
            if (taken.Length > 0) choices.Add((2, Gen.Elements(taken).Select(NameArg)));
            return Gen.Frequency(choices.ToArray());
        }

        private static Arg? NameArg(string name) => new(Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(name, quote: true), name);

        // ---- Models ----

        private static Gen<ModelSpec> Model(bool allowFileScoped) =>
            from valid in ValidModel
            from ns in Namespace(allowFileScoped)
            from cls in ClassLayout
            from oneList in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
            from foreign in Gen.Frequency((1, Gen.Constant(true)), (9, Gen.Constant(false)))
            from position in Gen.Frequency((8, Gen.Constant(0)), (2, Gen.Choose(1, 6)))
            from count in Gen.Frequency((20, Gen.Constant(0)), (35, Gen.Constant(1)), (25, Gen.Constant(2)), (20, Gen.Constant(3)))
            let laidOut = valid with
            {
                Namespace = ns,
                Class = cls,
                OneAttributeList = oneList,
                Foreign = foreign,
                Options = valid.Options with { Position = position },
            }
            from perturbed in Perturb(laidOut, count)
            select FixUp(perturbed);

        /// <summary>Applies <paramref name="count"/> random perturbations in turn.</summary>
        private static Gen<ModelSpec> Perturb(ModelSpec model, int count) =>
            count == 0 ? Gen.Constant(model) : Gen.OneOf(s_perturbations.Select(p => p(model))).SelectMany(m => Perturb(m, count - 1));

        /// <summary>
        /// Keeps the structure legal C# where that is not the point (no base list on a struct, no <c>file</c> on a nested
        /// type), keeps valid models small enough to compile in milliseconds, and keeps a split declaration in range.
        /// </summary>
        private static ModelSpec FixUp(ModelSpec model)
        {
            ClassSpec c = model.Class;
            if (c.Kind != TypeKind.Class) c = c with { Static = false, Base = BaseKind.None, Modifier = c.Modifier == "unsafe" ? "unsafe" : "" };
            if (c.Static) c = c with { Base = BaseKind.None, Modifier = "" };
            if (c.Nesting != Nesting.None) c = c with { FileLocal = false, SplitAt = null };
            if (c.FileLocal) c = c with { Accessibility = "" };
            if (c.Kind is TypeKind.Struct or TypeKind.RecordStruct or TypeKind.Interface) c = c with { SemicolonBody = false };
            if (!c.Partial || model.Layers.Length < 2) c = c with { SplitAt = null };
            else if (c.SplitAt is int at) c = c with { SplitAt = Math.Clamp(at, 1, model.Layers.Length - 1) };
            model = model with { Class = c };

            // Straight-line code grows with the weights of every unrolled layer: a huge threshold only goes with small
            // layers. (Models with huge layers are either invalid, so never emitted, or keep a small threshold.)
            if (model.Options.UnrollThreshold is { Breaks: false, Value: int threshold } && threshold > 4096 && LargestLayer(model) > 4096)
            {
                model = model with { Options = model.Options with { UnrollThreshold = new Arg("4096", 4096) } };
            }
            return model;
        }

        /// <summary>The largest weight count of any Dense, following shapes as declared (0 when unknown).</summary>
        private static long LargestLayer(ModelSpec model)
        {
            long width = 1, largest = 0;
            foreach (LayerSpec layer in model.Layers)
            {
                switch (layer.Kind)
                {
                    case LayerKind.Input:
                        width = layer.Dims.Aggregate(1L, (p, d) => d.Breaks ? p : Math.Min(p * Math.Max(1, Math.Abs((long)d.Int)), 1L << 40));
                        break;
                    case LayerKind.Dense when layer.Units is { Breaks: false } u:
                        largest = Math.Max(largest, width * Math.Abs((long)u.Int));
                        width = Math.Max(1, Math.Abs((long)u.Int));
                        break;
                }
            }
            return largest;
        }

        /// <summary>A model that follows every rule.</summary>
        private static readonly Gen<ModelSpec> ValidModel =
            from crossEntropy in Gen.Elements(true, false)
            from logits in Gen.Elements(true, false)
            from options in ValidOptions(crossEntropy, logits)
            from rank in Gen.Frequency((7, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(3)))
            from dims in Gen.ArrayOf(rank == 1 ? Gen.Frequency((95, SmallDim), (5, Gen.Elements(1 << 16, 1 << 20))) : SmallDim, rank)
            from dimArgs in Gen.CollectToArray(dims, IntText)
            from extraFlatten in Gen.Frequency((1, Gen.Constant(true)), (9, Gen.Constant(false)))
            from hiddenCount in Gen.Frequency((3, Gen.Constant(0)), (4, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(3)))
            from hidden in Gen.ArrayOf(HiddenDense, hiddenCount)
            from output in OutputDense(crossEntropy, logits)
            let input = LayerSpec.Input(dimArgs)
            let flatten = rank > 1 || extraFlatten ? new[] { LayerSpec.Flatten() } : Array.Empty<LayerSpec>()
            select new ModelSpec(NamespaceSpec.Global, ClassSpec.Plain("Net"), options,
                new[] { input }.Concat(flatten).Concat(hidden).Append(output).ToImmutableArray(), false, false);

        private static Gen<OptionsSpec> ValidOptions(bool crossEntropy, bool logits) =>
            from loss in crossEntropy
                ? Gen.Elements<Arg?>(new Arg("§Loss.SparseCategoricalCrossEntropy", 1), new Arg("(§Loss)1", 1))
                : Gen.Elements<Arg?>(null, null, new Arg("§Loss.MeanSquaredError", 0), new Arg("0", 0), new Arg("§Loss.MeanAbsoluteError", 2), new Arg("§Loss.Huber", 3))
            from fromLogits in crossEntropy && logits
                ? Gen.Constant<Arg?>(new Arg("true", true))
                : Gen.Elements<Arg?>(null, null, null, new Arg("false", false))
            from optimizer in Gen.Elements<Arg?>(null, new Arg("§Optimizer.Sgd", 0), new Arg("§Optimizer.Adam", 1), new Arg("§Optimizer.Adagrad", 2),
                new Arg("§Optimizer.RmsProp", 3), new Arg("§Optimizer.Adadelta", 4), new Arg("§Optimizer.Adamax", 5), new Arg("§Optimizer.Nadam", 6),
                new Arg("§Optimizer.AdamW", 7))
            from rate in Gen.Frequency((5, Gen.Constant<Arg?>(null)), (5, ValidLearningRate.Select(a => (Arg?)a)))
            from threshold in Gen.Frequency((6, Gen.Constant<Arg?>(null)), (4, ValidThreshold.Select(a => (Arg?)a)))
            from hyperparameters in Gen.Frequency((5, Gen.Constant(ImmutableArray<NamedArg>.Empty)), (5, OptimizerArgGen.Valid(optimizer)))
            from lossSettings in LossArgGen.Valid(loss)
            select new OptionsSpec(loss, optimizer, rate, fromLogits, threshold, null, false, 0) { Settings = hyperparameters.AddRange(lossSettings) };

        private static Gen<LayerSpec> HiddenDense =>
            from units in Units
            from activation in Gen.Frequency((2, Gen.Constant<Arg?>(null)), (8, ValidActivation.Select(a => (Arg?)a)), (2, ActivationArgGen.Parametrized.Select(a => (Arg?)a)))
            from dense in Decorate(LayerSpec.Dense(units, activation))
            from parameters in WithParameters(dense)
            select parameters;

        /// <summary>Now and then, parameters the layer's activation has, in range (an RReLU range may come out reversed).</summary>
        private static Gen<LayerSpec> WithParameters(LayerSpec dense) =>
            Gen.Frequency(
                (1, Gen.Constant(dense)),
                (1, ActivationArgGen.For(dense.Activation, badWeight: 0, strayWeight: 0).Select(a => dense with { ActivationArgs = a })));

        /// <summary>The last Dense, as the loss wants it: softmax over 2+ classes, logits over 2+ classes, or anything.</summary>
        private static Gen<LayerSpec> OutputDense(bool crossEntropy, bool logits) =>
            from units in crossEntropy ? Gen.Choose(2, 12).SelectMany(IntText) : Units
            from activation in crossEntropy && !logits
                ? Gen.Elements<Arg?>(new Arg("§Activation.Softmax", 4), new Arg("(§Activation)4", 4))
                : crossEntropy
                    ? Gen.Elements<Arg?>(null, new Arg("§Activation.Identity", 0), new Arg("§Activation.Relu", 3), new Arg("§Activation.Tanh", 2),
                        new Arg("§Activation.Sigmoid", 1), new Arg("0", 0))
                    : Gen.Frequency((3, Gen.Constant<Arg?>(null)), (7, ValidActivation.Select(a => (Arg?)a)), (2, ActivationArgGen.Parametrized.Select(a => (Arg?)a)))
            from dense in Decorate(LayerSpec.Dense(units, activation))
            from parameters in crossEntropy ? Gen.Constant(dense) : WithParameters(dense)
            select parameters;

        /// <summary>Optional Dense arguments with valid values, and now and then a valid name.</summary>
        private static Gen<LayerSpec> Decorate(LayerSpec dense) =>
            from byName in Gen.Frequency((1, Gen.Constant(true)), (9, Gen.Constant(false)))
            from useBias in Gen.Frequency((7, Gen.Constant<Arg?>(null)), (3, Gen.Elements(new Arg("true", true), new Arg("false", false)).Select(a => (Arg?)a)))
            from kernelInit in Gen.Frequency((8, Gen.Constant<Arg?>(null)), (2, ValidKernelInit.Select(a => (Arg?)a)))
            from biasInit in Gen.Frequency((8, Gen.Constant<Arg?>(null)), (2, ValidInit.Select(a => (Arg?)a)))
            select dense with
            {
                ActivationByName = byName && dense.Activation is not null,
                UseBias = useBias,
                KernelInit = kernelInit,
                BiasInit = biasInit,
            };

        // ---- Perturbations: each takes a model to a random neighbour; the oracle decides what it broke ----

        private static readonly Func<ModelSpec, Gen<ModelSpec>>[] s_perturbations =
        {
            // Input missing, moved, duplicated.
            m => Gen.Constant(m with { Layers = m.Layers.RemoveAll(l => l.Kind == LayerKind.Input) }),
            m => MoveInput(m),
            m => Gen.Choose(0, m.Layers.Length).Select(i => m with
            {
                Layers = m.Layers.Insert(i, m.Layers.FirstOrDefault(l => l.Kind == LayerKind.Input) ?? LayerSpec.Input(new Arg("4", 4))),
            }),
            // Flatten anywhere, or none.
            m => Gen.Choose(0, m.Layers.Length).Select(i => m with { Layers = m.Layers.Insert(i, LayerSpec.Flatten()) }),
            m => Gen.Constant(m with { Layers = m.Layers.RemoveAll(l => l.Kind == LayerKind.Flatten) }),
            // No Dense, no layers at all.
            m => Gen.Constant(m with { Layers = m.Layers.RemoveAll(l => l.Kind == LayerKind.Dense) }),
            m => Gen.Frequency((1, Gen.Constant(m with { Layers = ImmutableArray<LayerSpec>.Empty })), (4, Gen.Constant(m))),
            // An extra Dense anywhere.
            m => from i in Gen.Choose(0, m.Layers.Length) from d in HiddenDense select m with { Layers = m.Layers.Insert(i, d) },
            // Sizes: zero, negative, huge, at the 2^31 boundary.
            m => MapLayer(m, l => l.Kind == LayerKind.Dense && l.Units is not null, l => AnyInt.Select(u => l with { Units = u })),
            m => MapLayer(m, l => l.Kind == LayerKind.Input && l.Dims.Length > 0,
                l => from i in Gen.Choose(0, l.Dims.Length - 1) from d in AnyInt select l with { Dims = l.Dims.SetItem(i, d) }),
            m => MapLayer(m, l => l.Kind == LayerKind.Input,
                l => from n in Gen.Choose(0, 4) from dims in Gen.ArrayOf(AnyInt, n) select l with { Dims = dims.ToImmutableArray() }),
            m => MapLayer(m, l => l.Kind == LayerKind.Input,
                l => Gen.Elements(ShapeForm.Params, ShapeForm.Array, KnownBugs.NullInputShapeCrashes ? ShapeForm.Array : ShapeForm.NullArray)
                    .Select(f => l with { Shape = f })),
            m => BoundarySizes(m),
            // Enums: any defined value, or an undefined cast.
            m => MapLayer(m, l => l.Kind == LayerKind.Dense, l => AnyActivation.Select(a => l with { Activation = a })),
            m => MapLayer(m, l => l.Kind == LayerKind.Dense, l => from k in AnyInit from b in AnyInit select l with { KernelInit = k, BiasInit = b }),
            m => MapLayer(m, l => l.Kind == LayerKind.Dense, l => from k in AnyInit from b in AnyInit from a in InitArgGen.For(k, b) select l with { KernelInit = k, BiasInit = b, InitArgs = a }),
            m => MapLayer(m, l => l.Kind == LayerKind.Dense, l => InitArgGen.Any.Select(a => l with { InitArgs = a })),
            m => MapLayer(m, l => l.Kind == LayerKind.Dense, l => Gen.Elements<Arg?>(null, new Arg("true", true), new Arg("false", false)).Select(b => l with { UseBias = b })),
            // Options: loss, optimizer, FromLogits, learning rate, unroll threshold.
            m => from loss in AnyLoss from logits in AnyFromLogits select m with { Options = m.Options with { Loss = loss, FromLogits = logits } },
            m => AnyOptimizer.Select(o => m with { Options = m.Options with { Optimizer = o } }),
            m => AnyLearningRate.Select(r => m with { Options = m.Options with { LearningRate = r } }),
            m => AnyThreshold.Select(t => m with { Options = m.Options with { UnrollThreshold = t } }),
            // Optimizer hyperparameters: any, or those of a newly drawn optimizer (mostly in range).
            m => OptimizerArgGen.Any.Select(s => m with { Options = m.Options.WithSettings(s) }),
            m => from o in AnyOptimizer from s in OptimizerArgGen.For(o) select m with
            {
                Options = m.Options with { Optimizer = o, Settings = m.Options.Settings.Where(x => x.Name is "HuberDelta" or "Metrics").Concat(s).ToImmutableArray() },
            },
            // Huber's delta, with the Huber loss mostly; metrics of any kind, or fitting a newly drawn loss.
            m => from huber in Gen.Frequency((2, Gen.Constant(true)), (1, Gen.Constant(false))) from d in LossArgGen.AnyDelta select m with
            {
                Options = m.Options.WithSettings(ImmutableArray.Create(d)) with { Loss = huber ? new Arg("§Loss.Huber", 3) : m.Options.Loss },
            },
            m => LossArgGen.AnyMetrics.Select(s => m with { Options = m.Options.WithSettings(ImmutableArray.Create(s)) }),
            m => from loss in AnyLoss from s in LossArgGen.Valid(loss) select m with { Options = m.Options.WithSettings(s) with { Loss = loss } },
            // Activation parameters: any, or an activation that has some, with its own.
            m => MapLayer(m, l => l.Kind == LayerKind.Dense, l => ActivationArgGen.Any.Select(a => l with { ActivationArgs = a })),
            m => MapLayer(m, l => l.Kind == LayerKind.Dense,
                l => from act in ActivationArgGen.Parametrized from a in ActivationArgGen.For(act) select l with { Activation = act, ActivationArgs = a }),
            // The perceptron rule: one Step or Sign layer, now and then after a hidden one.
            m => Perceptron(m),
            // Names: valid, invalid, keywords, duplicates (of another name or of a default name).
            m => MapLayer(m, _ => true, l => AnyName(m).Select(n => l with { Name = n })),
            m => MapLayer(m, _ => true, l => AnyName(m).Select(n => l with { Name = n })).SelectMany(x => MapLayer(x, _ => true, l => AnyName(x).Select(n => l with { Name = n }))),
            // The type: kind, static, partial, generic, file-local, base, nesting.
            m => ClassShape.Select(f => m with { Class = f(m.Class) }),
            m => ClassShape.Select(f => m with { Class = f(m.Class) }),
            // Arguments that do not compile, rarely.
            m => Gen.Frequency((1, BreakSomething(m)), (1, Gen.Constant(m))),
            m => Gen.Frequency((1, Gen.Constant(m with { Options = m.Options with { Twice = true } })), (9, Gen.Constant(m))),
        };

        /// <summary>
        /// <paramref name="m"/> trained by the perceptron rule: its Dense layers replaced by one Step or Sign layer
        /// (valid), now and then after a hidden layer (MG0022).
        /// </summary>
        private static Gen<ModelSpec> Perceptron(ModelSpec m) =>
            from units in Gen.Choose(1, 4).SelectMany(IntText)
            from activation in Gen.Elements(new Arg("§Activation.Step", 5), new Arg("§Activation.Sign", 6), new Arg("(§Activation)5", 5))
            from hidden in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Constant(1)))
            from hiddenLayers in Gen.ArrayOf(HiddenDense, hidden)
            from output in Decorate(LayerSpec.Dense(units, activation))
            select m with
            {
                Options = m.Options with { Loss = new Arg("§Loss.Perceptron", 6), FromLogits = null },
                Layers = m.Layers.Where(l => l.Kind != LayerKind.Dense).Concat(hiddenLayers).Append(output).ToImmutableArray(),
            };

        private static Gen<ModelSpec> MoveInput(ModelSpec m)
        {
            int from = m.Layers.IndexOf(m.Layers.FirstOrDefault(l => l.Kind == LayerKind.Input)!);
            if (from < 0 || m.Layers.Length < 2) return Gen.Constant(m);
            LayerSpec input = m.Layers[from];
            ImmutableArray<LayerSpec> rest = m.Layers.RemoveAt(from);
            return Gen.Choose(0, rest.Length).Select(i => m with { Layers = rest.Insert(i, input) });
        }

        /// <summary>Replaces one random layer that matches <paramref name="which"/> (no change when none does).</summary>
        private static Gen<ModelSpec> MapLayer(ModelSpec m, Func<LayerSpec, bool> which, Func<LayerSpec, Gen<LayerSpec>> change)
        {
            int[] candidates = Enumerable.Range(0, m.Layers.Length).Where(i => which(m.Layers[i])).ToArray();
            if (candidates.Length == 0) return Gen.Constant(m);
            return from i in Gen.Elements(candidates)
                   from layer in change(m.Layers[i])
                   select m with { Layers = m.Layers.SetItem(i, layer) };
        }

        /// <summary>
        /// Sizes around the 2^31-float arena limit: an input of 2^26 or 2^27 floats with a few units sits just under or
        /// over it once kernels are padded to whole vectors; 46341^2 is just past 2^31; 2^27 - 2 inputs to one unit fill
        /// all but one 16-float slice, which a PReLU's alpha or a learned Swish beta takes.
        /// </summary>
        private static Gen<ModelSpec> BoundarySizes(ModelSpec m) =>
            from dim in Gen.Elements(1 << 26, 1 << 27, (1 << 27) - 1, (1 << 27) - 2, 1 << 28, 46341, 50000, 65536, 1 << 30)
            from units in Gen.Elements(1, 2, 8, 16, 17, 32, 33)
            from dimArg in IntText(dim)
            from unitsArg in IntText(units)
            from adam in Gen.Elements(true, false)
            from learned in Gen.Elements(0, 0, 1, 2)
            select m with
            {
                Layers = ImmutableArray.Create(LayerSpec.Input(dimArg), learned switch
                {
                    1 => LayerSpec.Dense(unitsArg, new Arg("§Activation.PRelu", 10)),
                    2 => LayerSpec.Dense(unitsArg, new Arg("§Activation.Swish", 17)) with { ActivationArgs = ImmutableArray.Create(new NamedArg("LearnBeta", new Arg("true", true))) },
                    _ => LayerSpec.Dense(unitsArg),
                }),
                Options = OptionsSpec.Default with { Optimizer = adam ? new Arg("§Optimizer.Adam", 1) : new Arg("§Optimizer.Sgd", 0) },
            };

        private static Gen<Func<ClassSpec, ClassSpec>> ClassShape => Gen.Elements<Func<ClassSpec, ClassSpec>>(
            c => c with { Kind = TypeKind.Struct },
            c => c with { Kind = TypeKind.Record },
            c => c with { Kind = TypeKind.RecordStruct },
            c => c with { Kind = TypeKind.Interface },
            c => c with { Static = true },
            c => c with { Partial = false },
            c => c with { Generic = true },
            c => c with { FileLocal = true },
            c => c with { Base = BaseKind.UserClass },
            c => c with { Base = KnownBugs.ExplicitObjectBaseBreaksOutput ? BaseKind.UserClass : BaseKind.ExplicitObject },
            c => c with { Base = BaseKind.Interface },
            c => c with { Nesting = Nesting.InClass },
            c => c with { Nesting = Nesting.InStruct });

        /// <summary>One argument that does not bind, or an attribute misused: a compiler error in the declaration.</summary>
        private static Gen<ModelSpec> BreakSomething(ModelSpec m) => Gen.OneOf(
            MapLayer(m, l => l.Kind == LayerKind.Dense, l => BrokenInt.Select(u => l with { Units = u })),
            MapLayer(m, l => l.Kind == LayerKind.Dense, l => Gen.Constant(l with { Units = null })),
            MapLayer(m, l => l.Kind == LayerKind.Dense, l => Gen.Elements(
                new Arg("2", null, true), new Arg("\"Relu\"", null, true), new Arg("§Loss.MeanSquaredError", null, true), new Arg("true", null, true))
                .Select(a => l with { Activation = a })),
            MapLayer(m, l => l.Kind == LayerKind.Dense, l => Gen.Elements("Units = 4", "Foo = 1", "§Activation.Relu, §Activation.Relu", "UseBias = 1", "KernelInit = 1")
                .Select(e => l with { Extra = e })),
            // (Not "null" for a dimension: [Input(null)] alone is a null params array, which compiles.)
            MapLayer(m, l => l.Kind == LayerKind.Input && l.Dims.Length > 0, l => BrokenInt.Where(d => d.Text != "null").Select(d => l with { Dims = l.Dims.SetItem(0, d) })),
            MapLayer(m, l => l.Kind == LayerKind.Input, l => Gen.Elements("Shape = new[] { 4 }", "Name = 3").Select(e => l with { Extra = e })),
            MapLayer(m, _ => true, l => Gen.Elements(new Arg("3", null, true), new Arg("'a'", null, true)).Select(n => l with { Name = n })),
            Gen.Elements(
                new Arg("1", null, true, true), new Arg("\"MSE\"", null, true), new Arg("§Optimizer.Sgd", null, true, true))
                .Select(a => m with { Options = m.Options with { Loss = a } }),
            Gen.Elements(new Arg("1", null, true, true), new Arg("§Loss.MeanSquaredError", null, true, true)).Select(a => m with { Options = m.Options with { Optimizer = a } }),
            Gen.Elements(
                new Arg("0.1", null, true, true), new Arg("\"0.1\"", null, true), new Arg("1e39f", null, true, true), new Arg("true", null, true), new Arg("0.1m", null, true, true))
                .Select(a => m with { Options = m.Options with { LearningRate = a } }),
            Gen.Elements(new Arg("1", null, true), new Arg("\"true\"", null, true)).Select(a => m with { Options = m.Options with { FromLogits = a } }),
            Gen.Elements(
                new Arg("1.5f", null, true, true), new Arg("3000000000", null, true), new Arg("\"256\"", null, true), new Arg("256L", null, true, true))
                .Select(a => m with { Options = m.Options with { UnrollThreshold = a } }),
            Gen.Elements("Foo = 1", "Loss = §Loss.MeanSquaredError, Loss = §Loss.MeanSquaredError")
                .Select(e => m with { Options = m.Options with { Extra = e } }));

        // ---- Cases (last: static fields initialize in textual order) ----

        /// <summary>One case, drawn from its own seed so that the seed alone replays it.</summary>
        public static Gen<CaseSpec> Case { get; } = Gen.Choose(0, int.MaxValue).Select(FromSeed);

        /// <summary>The case that <paramref name="seed"/> generates.</summary>
        public static CaseSpec FromSeed(int seed)
        {
            // Sample with a fixed Rnd is deterministic; the size is unused (no generator below is sized).
            CaseSpec spec = Gen.Sample(s_case, 1, new Rnd((ulong)seed), 1)[0];
            return spec with { Seed = seed };
        }

        private static readonly Gen<CaseSpec> s_case =
            from spelling in Gen.Frequency((6, Gen.Constant(Spelling.Using)), (2, Gen.Constant(Spelling.GlobalQualified)), (2, Gen.Constant(Spelling.Alias)))
            from first in Model(allowFileScoped: true)
            from second in Gen.Frequency((9, Gen.Constant<ModelSpec?>(null)), (1, Model(allowFileScoped: false).Select(m => (ModelSpec?)m)))
            from sameNamespace in Gen.Elements(true, false)
            from caseVariant in Gen.Elements(true, false)
            select new CaseSpec(0, spelling, (second is null
                ? ImmutableArray.Create(first)
                : Pair(first, second, sameNamespace, caseVariant)).Select(NotHidingSystem).ToImmutableArray());

        /// <summary>
        /// A class called System in the global namespace hides <c>global::System</c> from every file of the compilation,
        /// the generated ones included: a fault of the declaration, so such a class is only declared in a namespace.
        /// </summary>
        private static ModelSpec NotHidingSystem(ModelSpec m) =>
            m.Namespace.Style == NamespaceStyle.Global && m.Class.Name == "System" ? m with { Class = m.Class with { Name = "SystemNet" } } : m;

        /// <summary>
        /// Two models in one file: never file-scoped (one file holds both), and never the same class. Half the time they
        /// share the namespace, and the second's class name may differ from the first's only in case, which no C# rule
        /// forbids but which generated file names must survive. A class and a namespace of the same full name would
        /// clash (CS0101), so the second moves to the namespace <c>Second</c> then.
        /// </summary>
        private static ImmutableArray<ModelSpec> Pair(ModelSpec first, ModelSpec second, bool sameNamespace, bool caseVariant)
        {
            static ModelSpec Blocky(ModelSpec m) => m.Namespace.Style == NamespaceStyle.FileScoped
                ? m with { Namespace = m.Namespace with { Style = NamespaceStyle.Block } } : m;
            first = Blocky(first);
            second = Blocky(second);
            NamespaceSpec ns = sameNamespace ? first.Namespace : second.Namespace;
            string name = second.Class.Name;
            if (caseVariant && !KnownBugs.HintNamesCollideIgnoringCase)
            {
                string upper = first.Class.Name.ToUpperInvariant(), lower = first.Class.Name.ToLowerInvariant();
                name = upper != first.Class.Name ? upper : lower;
            }
            if (Unescaped(name) == Unescaped(first.Class.Name)) name = Unescaped(first.Class.Name) + "2";
            second = second with { Namespace = ns, Class = second.Class with { Name = name } };
            // Class A.B.X clashes with a namespace A.B.X(.more).
            static bool Clash(ModelSpec a, ModelSpec b)
            {
                string[] type = a.Namespace.Segments.Append(a.Class.Name).Select(Unescaped).ToArray();
                return b.Namespace.Segments.Length >= type.Length && b.Namespace.Segments.Take(type.Length).Select(Unescaped).SequenceEqual(type);
            }
            if (Clash(first, second) || Clash(second, first))
            {
                second = second with { Namespace = new NamespaceSpec(NamespaceStyle.Block, ImmutableArray.Create("Second")) };
            }
            return ImmutableArray.Create(first, second);
        }

        private static string Unescaped(string identifier) => identifier.TrimStart('@');

    }
}
