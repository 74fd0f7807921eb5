using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

namespace ModelGen.Generators.Tests.Fuzzing
{
    /// <summary>What the oracle expects of one model.</summary>
    /// <param name="CompilerError">
    /// The declaration itself does not compile (an argument that does not bind, [Model] twice, [Model] on a struct):
    /// the compiler reports it, and ModelGen must stay consistent (see <see cref="DeclarationOracle"/>).
    /// </param>
    /// <param name="Required">Diagnostics ModelGen must report.</param>
    /// <param name="Allowed">Every diagnostic ModelGen may report (a superset of <see cref="Required"/>).</param>
    /// <param name="Reasons">The broken rules in words, for failure messages.</param>
    /// <param name="Excused">
    /// Set when the model only breaks a rule that a known, open generator bug mishandles (<see cref="KnownBugs"/>):
    /// then only "no crash, no MG0099" is checked.
    /// </param>
    /// <param name="FileExcused">Set when a known bug may give this invalid model a generated file (see <see cref="KnownBugs"/>).</param>
    internal sealed record Verdict(bool CompilerError, ImmutableHashSet<string> Required, ImmutableHashSet<string> Allowed, ImmutableArray<string> Reasons,
        string? Excused = null, string? FileExcused = null)
    {
        /// <summary>Valid: compiles, breaks no rule; ModelGen must generate a file that compiles.</summary>
        public bool IsValid => !CompilerError && Required.IsEmpty && Excused is null;
    }

    /// <summary>
    /// An independent statement of ModelGen's rules, written from the attribute documentation and the diagnostic table
    /// rather than from the validator's code; it judges a <see cref="ModelSpec"/> by its bound values.
    /// <para>
    /// The rules. The type: a class (not a struct, record, interface or static class: MG0002), top-level, non-generic and
    /// not file-local (MG0003), partial in every declaration (MG0001), with no base class (MG0004; an interface list is
    /// fine). Once the type is wrong ModelGen may stop there, so layer and option diagnostics become allowed rather
    /// than required. The layers, in source order: [Input] first and only once (a later one is MG0006); a model whose
    /// first layer is not an input and that has none at all, or that has no layer at all, is MG0005; every dimension
    /// and unit count positive, and an input shape not empty (MG0007); Dense only on rank-1 data, so a multi-dimensional
    /// input needs [Flatten] first (MG0008); at least one Dense (MG0009). After a missing or misplaced input the layers
    /// are followed from a one-dimensional shape, so a missing input does not cascade into MG0008. Names: the n-th
    /// unnamed layer of a kind is called "dense", "dense_1", ... ("input", "flatten" likewise; <c>Name = null</c> is
    /// unnamed); a name must start with a letter and hold only letters, digits and '_' (MG0015); two valid equal names
    /// are MG0013. Options: enum values must be defined, for Activation, Init, Loss and Optimizer (MG0011); Orthogonal
    /// and Identity are kernel initializers, so BiasInit = either is MG0054 (whether or not the layer uses a bias); the
    /// learning rate finite and not negative (MG0012, -0 is fine: it is not below 0); the unroll threshold not negative
    /// (MG0017). The output, the last Dense: SparseCategoricalCrossEntropy needs 2 or more units, and a Softmax output
    /// unless FromLogits, in which case not Softmax; CategoricalCrossEntropy likewise; BinaryCrossEntropy a Sigmoid or
    /// Softmax output unless FromLogits, in which case neither; Perceptron a Step or Sign output; FromLogits with any
    /// other loss is wrong (MG0010); Perceptron trains a single Dense, so a second one is MG0022. Size: the
    /// parameter arena holds every kernel padded to whole 16-float vectors (inputs x units rounded up to 16) and every
    /// used bias and learned activation tensor (PReLU's alpha per unit, a learned Swish beta), each slice rounded up to
    /// 16 floats; that, times the optimizer's state slots (at least one; see
    /// <see cref="OptionArgRules.StateCopies"/>), must fit in 2^31 - 1 floats (MG0016). The optimizer hyperparameters,
    /// HuberDelta, Metrics and the activation parameters follow the rules stated on <see cref="OptionArgRules"/>.
    /// </para>
    /// <para>
    /// A declaration with a compiler error of its own (an argument that does not bind, [Model] twice, [Model] on a
    /// struct): the compiler's error is the report that counts, so ModelGen must not generate its file and must not
    /// crash, and it may stay silent or say things consistent with the declaration: each diagnostic it reports must
    /// be one the rules above give the declaration with the rejected arguments dropped, or one about a rejected
    /// argument itself (see <see cref="Neutralize"/>). Nothing is required of it.
    /// </para>
    /// </summary>
    internal static class DeclarationOracle
    {
        private static readonly string[] s_typeIds = { "MG0001", "MG0002", "MG0003", "MG0004" };

        public static Verdict Judge(ModelSpec model)
        {
            var required = new HashSet<string>();
            var allowed = new HashSet<string>();
            var reasons = new List<string>();
            void Break(string id, string why) { required.Add(id); reasons.Add(id + ": " + why); }

            // ---- The type ----
            ClassSpec c = model.Class;
            bool notAClass = c.Kind != TypeKind.Class || c.Static;
            if (notAClass)
            {
                Break("MG0002", "not a plain class: " + (c.Static ? "static" : c.Kind.ToString()));
                allowed.UnionWith(s_typeIds);
            }
            else
            {
                if (c.Nesting != Nesting.None) Break("MG0003", "nested");
                if (c.Generic) Break("MG0003", "generic");
                if (c.FileLocal) Break("MG0003", "file-local");
                if (!c.Partial) Break("MG0001", "not partial");
                if (c.Base == BaseKind.UserClass) Break("MG0004", "has a base class");
                if (c.Base == BaseKind.ExplicitObject) Break("MG0004", "names object as its base class");
            }
            bool typeIsWrong = required.Count > 0;

            // ---- Compiler errors in the declaration ----
            bool brokenAttribute = model.Options.Breaks || model.Layers.Any(l => l.Breaks);
            bool attributeOnWrongTarget = c.Kind is TypeKind.Struct or TypeKind.RecordStruct or TypeKind.Interface;
            if (model.Options.Twice || brokenAttribute || attributeOnWrongTarget)
            {
                if (model.Options.Twice) reasons.Add("compiler: [Model] twice");
                if (brokenAttribute) reasons.Add("compiler: an attribute argument does not bind");
                if (attributeOnWrongTarget) reasons.Add("compiler: [Model] only applies to classes");
                ModelSpec readable = Neutralize(model, out HashSet<string> aboutBroken);
                var mayReport = new HashSet<string>(required.Concat(allowed));
                mayReport.UnionWith(JudgeLayers(readable, new HashSet<string>(), new List<string>(), mayReport));
                mayReport.UnionWith(aboutBroken);
                if (LogicalFloats(readable, unknownAsAdam: true) > int.MaxValue) mayReport.Add("MG0016");
                bool recovered = model.Options.Recovers || model.Layers.Any(l => l.Recovers);
                return new Verdict(true, ImmutableHashSet<string>.Empty, mayReport.ToImmutableHashSet(), reasons.ToImmutableArray(),
                    FileExcused: KnownBugs.RecoveredArgumentErrorsIgnored && recovered ? nameof(KnownBugs.RecoveredArgumentErrorsIgnored) : null);
            }

            // ---- Layers and options ----
            var layerIds = JudgeLayers(model, new HashSet<string>(), reasons, allowed);
            if (typeIsWrong) allowed.UnionWith(layerIds);
            else required.UnionWith(layerIds);
            // The MG0016 count with every bias counted and unknown optimizers taken as Adam: a model between the two
            // counts may be reported either way.
            if (!typeIsWrong && LogicalFloats(model, unknownAsAdam: true) > int.MaxValue) allowed.Add("MG0016");
            // An input sample of more than 2^31 - 1 floats is reported at [Input] itself, whatever else is wrong.
            if (InputLargerThanAnArena(model)) allowed.Add("MG0016");
            string? excused = null;
            if (KnownBugs.InputSizeProductOverflows && required.Contains("MG0016") && InputProductOverflowsLong(model))
            {
                required.Remove("MG0016");
                allowed.Add("MG0016");
                if (required.Count == 0) excused = nameof(KnownBugs.InputSizeProductOverflows);
            }
            if (KnownBugs.SizeCheckIgnoresPadding && required.Contains("MG0016") && LogicalFloats(model, unknownAsAdam: false) <= int.MaxValue)
            {
                required.Remove("MG0016");
                allowed.Add("MG0016");
                if (required.Count == 0) excused = nameof(KnownBugs.SizeCheckIgnoresPadding);
            }

            // MG0019: a model that is otherwise valid but named like a member the generator adds. The fixed members
            // always clash; per-layer ones ("DenseForward") clash only when a layer has that method stem, which this
            // oracle does not resolve, so either outcome is accepted for them.
            if (required.Count == 0 && !typeIsWrong)
            {
                if (c.Name is "Forward" or "Output" or "LossGradient")
                {
                    required.Add("MG0019");
                    reasons.Add("the class is named like a generated member");
                }
                else if (c.Name is "DenseForward" or "Dense1Backward")
                {
                    allowed.Add("MG0019");
                    excused ??= "ClassNameMayMatchALayerMethod";
                }
            }

            allowed.UnionWith(required);
            return new Verdict(false, required.ToImmutableHashSet(), allowed.ToImmutableHashSet(), reasons.ToImmutableArray(), excused);
        }

        /// <summary>
        /// The declaration as ModelGen can read it when the compiler rejects parts of it: a broken argument is dropped
        /// (its default applies; a broken size reads as 1), and <paramref name="aboutBroken"/> collects the diagnostics
        /// a rejected argument could still draw, in case the compiler bound it to some value anyway (Roslyn binds
        /// <c>LearningRate = 1e39f</c>, CS0594, to infinity).
        /// </summary>
        private static ModelSpec Neutralize(ModelSpec model, out HashSet<string> aboutBroken)
        {
            var about = new HashSet<string>();
            Arg? Drop(Arg? arg, params string[] ids)
            {
                if (arg is not { Breaks: true }) return arg;
                about.UnionWith(ids);
                return null;
            }
            OptionsSpec o = model.Options;
            if (o.Extra is not null) about.UnionWith(new[] { "MG0010", "MG0011" });
            o = o with
            {
                Loss = Drop(o.Loss, "MG0010", "MG0011", "MG0016", "MG0031", "MG0032"),
                Optimizer = Drop(o.Optimizer, "MG0011", "MG0016", "MG0018", "MG0041"),
                LearningRate = Drop(o.LearningRate, "MG0012"),
                FromLogits = Drop(o.FromLogits, "MG0010"),
                UnrollThreshold = Drop(o.UnrollThreshold, "MG0017"),
                Extra = null,
                Twice = false,
            };
            var layers = model.Layers.Select(l =>
            {
                if (l.Extra is not null) about.UnionWith(new[] { "MG0011", "MG0013", "MG0015" });
                if (l.Breaks && !l.InitArgs.IsEmpty) about.UnionWith(InitArgRules.Ids);
                if (l.Kind == LayerKind.Dense && l.Units is not { Breaks: false }) about.UnionWith(new[] { "MG0007", "MG0010", "MG0016", "MG0032" });
                if (l.Dims.Any(d => d.Breaks)) about.UnionWith(new[] { "MG0007", "MG0008", "MG0016" });
                return l with
                {
                    Dims = l.Dims.Select(d => d.Breaks ? new Arg("1", 1) : d).ToImmutableArray(),
                    Units = l.Kind == LayerKind.Dense && l.Units is not { Breaks: false } ? new Arg("1", 1) : l.Units,
                    Activation = Drop(l.Activation, "MG0010", "MG0011", "MG0020", "MG0021"),
                    UseBias = Drop(l.UseBias, "MG0016"),
                    KernelInit = Drop(l.KernelInit, "MG0011"),
                    BiasInit = Drop(l.BiasInit, "MG0011", "MG0054"),
                    Name = Drop(l.Name, "MG0013", "MG0015"),
                    Extra = null,
                };
            }).ToImmutableArray();
            aboutBroken = about;
            return model with { Options = o, Layers = layers };
        }

        /// <summary>
        /// The layer, name, option and size rules: returns the diagnostics they call for, and adds to
        /// <paramref name="maybe"/> those they leave open (a rule that cannot be decided, such as "the optimizer does
        /// not read it" under an undefined optimizer).
        /// </summary>
        private static HashSet<string> JudgeLayers(ModelSpec model, HashSet<string> ids, List<string> reasons, HashSet<string> maybe)
        {
            void Break(string id, string why) { ids.Add(id); reasons.Add(id + ": " + why); }
            void Maybe(string id) => maybe.Add(id);
            OptionsSpec o = model.Options;
            int loss = o.Loss is { Breaks: false } l ? l.Int : 0;
            int optimizer = o.Optimizer is { Breaks: false } opt ? opt.Int : 1;
            float rate = o.LearningRate is { Breaks: false } r ? (float)r.Value! : 0f;
            bool fromLogits = o.FromLogits is { Breaks: false, Value: true };
            int threshold = o.UnrollThreshold is { Breaks: false } t ? t.Int : 256;
            if (loss is not (>= 0 and <= 6)) Break("MG0011", $"Loss {loss}");
            if (optimizer is not (>= 0 and <= 7)) Break("MG0011", $"Optimizer {optimizer}");
            if (float.IsNaN(rate) || float.IsInfinity(rate) || rate < 0) Break("MG0012", $"LearningRate {rate.ToString(CultureInfo.InvariantCulture)}");
            if (threshold < 0) Break("MG0017", $"UnrollThreshold {threshold}");
            OptionArgRules.JudgeOptimizer(o, optimizer, Break, Maybe);
            OptionArgRules.JudgeHuberDelta(o, loss, Break, Maybe);

            ImmutableArray<LayerSpec> layers = model.Layers;
            if (layers.Length == 0) Break("MG0005", "no layers");
            else if (layers[0].Kind != LayerKind.Input && !layers.Any(x => x.Kind == LayerKind.Input)) Break("MG0005", "no input");

            var unnamed = new Dictionary<LayerKind, int>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            long[] shape = { 1 };
            long parameters = 0;
            LayerSpec? output = null;
            for (int i = 0; i < layers.Length; i++)
            {
                LayerSpec layer = layers[i];
                string name = layer.Name?.Value as string ?? DefaultName(layer.Kind, unnamed);
                if (!IsIdentifierLike(name)) Break("MG0015", $"name \"{name}\"");
                else if (!names.Add(name)) Break("MG0013", $"name \"{name}\" twice");

                switch (layer.Kind)
                {
                    case LayerKind.Input when i != 0:
                        Break("MG0006", $"[Input] at position {i}");
                        break;
                    case LayerKind.Input:
                        int[] dims = layer.Shape == ShapeForm.NullArray ? Array.Empty<int>() : layer.Dims.Select(d => d.Int).ToArray();
                        if (dims.Length == 0) Break("MG0007", "empty input shape");
                        foreach (int d in dims.Where(d => d <= 0)) Break("MG0007", $"input dimension {d}");
                        shape = dims.Select(d => (long)d).ToArray();
                        break;
                    case LayerKind.Flatten:
                        shape = new[] { Product(shape) };
                        break;
                    case LayerKind.Dense:
                        int units = layer.Units!.Int;
                        if (units <= 0) Break("MG0007", $"Dense units {units}");
                        if (shape.Length != 1) Break("MG0008", $"Dense on shape [{string.Join(", ", shape)}]");
                        CheckEnum(layer.Activation, 0, 21, "Activation", Break);
                        CheckEnum(layer.KernelInit, 0, 15, "KernelInit", Break);
                        CheckEnum(layer.BiasInit, 0, 15, "BiasInit", Break);
                        if (layer.BiasInit is { Int: 14 or 15 } matrixOnly) Break("MG0054", $"BiasInit {matrixOnly.Int} (Orthogonal or Identity) on a bias");
                        InitArgRules.Judge(layer, Break);
                        OptionArgRules.JudgeActivation(layer, Break, Maybe);
                        long fanIn = Product(shape), width = Math.Max(units, 0);
                        parameters = Saturate(parameters + Aligned(Saturate(fanIn * ((width + 15) / 16 * 16))));
                        if (layer.UseBias?.Value is not false) parameters = Saturate(parameters + Aligned(width));
                        parameters = Saturate(parameters + Aligned(OptionArgRules.LearnedActivationFloats(layer)));
                        shape = new[] { (long)units };
                        output = layer;
                        break;
                }
            }
            if (layers.Length > 0 && output is null) Break("MG0009", "no Dense");
            if (output is not null)
            {
                int units = output.Units!.Int;
                int activation = output.Activation is { } a ? a.Int : 0;
                if (loss == 1 && units < 2) Break("MG0010", $"cross-entropy over {units} unit(s)");
                else if (loss == 1 && fromLogits && activation == 4) Break("MG0010", "FromLogits with a Softmax output");
                else if (loss == 1 && !fromLogits && activation != 4) Break("MG0010", "cross-entropy on probabilities without a Softmax output");
                else if (loss == 5 && units < 2) Break("MG0010", $"categorical cross-entropy over {units} unit(s)");
                else if (loss == 5 && fromLogits && activation == 4) Break("MG0010", "FromLogits with a Softmax output");
                else if (loss == 5 && !fromLogits && activation != 4) Break("MG0010", "categorical cross-entropy on probabilities without a Softmax output");
                else if (loss == 4 && fromLogits && activation is 1 or 4) Break("MG0010", "binary cross-entropy FromLogits with a Sigmoid or Softmax output");
                else if (loss == 4 && !fromLogits && activation is not (1 or 4)) Break("MG0010", "binary cross-entropy on an output that is not Sigmoid or Softmax");
                else if (loss == 6 && activation is not (5 or 6)) Break("MG0010", "the perceptron rule on an output that is not Step or Sign");
                else if (loss is not (1 or 4 or 5) && fromLogits) Break("MG0010", "FromLogits without cross-entropy");
                if (loss == 6 && layers.Count(l => l.Kind == LayerKind.Dense) > 1) Break("MG0022", "the perceptron rule with more than one Dense layer");
            }
            OptionArgRules.JudgeMetrics(o, loss, output?.Units!.Int, Break, Maybe);
            long copies = OptionArgRules.StateCopies(o, optimizer);
            if (Saturate(parameters * copies) > int.MaxValue) Break("MG0016", $"{parameters} parameter floats x {copies}");
            return ids;
        }

        /// <summary>The size as counted with every bias and unpadded kernels, unknown optimizers as Adam or as SGD.</summary>
        private static long LogicalFloats(ModelSpec model, bool unknownAsAdam)
        {
            long[] shape = { 1 };
            long parameters = 0;
            foreach (LayerSpec layer in model.Layers.Where((l, i) => l.Kind != LayerKind.Input || i == 0))
            {
                if (layer.Kind == LayerKind.Input) shape = layer.Shape == ShapeForm.NullArray ? Array.Empty<long>() : layer.Dims.Select(d => (long)d.Int).ToArray();
                else if (layer.Kind == LayerKind.Flatten) shape = new[] { Product(shape) };
                else
                {
                    long units = Math.Max(layer.Units!.Int, 0);
                    parameters = Saturate(parameters + Aligned(Saturate(Product(shape) * units)) + Aligned(units)
                        + Aligned(OptionArgRules.LearnedActivationFloats(layer)));
                    shape = new[] { (long)layer.Units!.Int };
                }
            }
            int optimizer = model.Options.Optimizer is { Breaks: false } o ? o.Int : 1;
            bool known = optimizer is >= 0 and <= 7;
            return Saturate(parameters * (known ? OptionArgRules.StateCopies(model.Options, optimizer) : unknownAsAdam ? 2 : 1));
        }

        /// <summary>Whether the first layer is an input whose dimensions multiply past 2^63 - 1.</summary>
        private static bool InputLargerThanAnArena(ModelSpec model) =>
            model.Layers.Length > 0 && model.Layers[0].Kind == LayerKind.Input
            && model.Layers[0].Shape != ShapeForm.NullArray // [Input(null)] writes none of its dimensions (they may not bind)
            // A dimension that is not an int (a broken argument) counts as 1: it is reported on its own.
            && model.Layers[0].Dims.Aggregate(System.Numerics.BigInteger.One, (p, d) => p * (d.Value is int n ? Math.Max(n, 0) : 1)) > int.MaxValue;

        private static bool InputProductOverflowsLong(ModelSpec model) =>
            model.Layers.Length > 0 && model.Layers[0].Kind == LayerKind.Input
            && model.Layers[0].Shape != ShapeForm.NullArray // [Input(null)] writes none of its dimensions (they may not bind)
            && model.Layers[0].Dims.Aggregate(System.Numerics.BigInteger.One, (p, d) => p * (d.Value is int n ? Math.Max(n, 0) : 1)) > long.MaxValue;

        private static void CheckEnum(Arg? arg, int min, int max, string what, Action<string, string> report)
        {
            if (arg is { } a && (a.Int < min || a.Int > max)) report("MG0011", $"{what} {a.Int}");
        }

        /// <summary>Keras-style default names, counted over the unnamed layers of each kind.</summary>
        private static string DefaultName(LayerKind kind, Dictionary<LayerKind, int> unnamed)
        {
            unnamed.TryGetValue(kind, out int seen);
            unnamed[kind] = seen + 1;
            string stem = kind.ToString().ToLowerInvariant();
            return seen == 0 ? stem : stem + "_" + seen.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>Starts with a letter; then letters, decimal digits and '_' (Unicode categories, per UTF-16 unit).</summary>
        private static bool IsIdentifierLike(string name)
        {
            static bool Letter(char ch) => char.GetUnicodeCategory(ch) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
                or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter;
            return name.Length > 0 && Letter(name[0])
                && name.All(ch => Letter(ch) || char.GetUnicodeCategory(ch) == UnicodeCategory.DecimalDigitNumber || ch == '_');
        }

        private static long Product(long[] shape)
        {
            long n = 1;
            foreach (long d in shape) n = Saturate(n * Math.Max(d, 0));
            return n;
        }

        /// <summary>Rounds up to a 64-byte line (16 floats).</summary>
        private static long Aligned(long floats) => Saturate((floats + 15) / 16 * 16);

        /// <summary>Clamps to 2^40: far past the limit, and far from overflowing a long when multiplied again.</summary>
        private static long Saturate(long n) => n is < 0 or > 1L << 40 ? 1L << 40 : n;
    }
}
