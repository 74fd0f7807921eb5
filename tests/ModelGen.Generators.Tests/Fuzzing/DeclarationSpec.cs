using System.Collections.Immutable;
using System.Linq;

namespace ModelGen.Generators.Tests.Fuzzing
{
    // The random structure a fuzz case is built from. Every attribute argument is kept twice: as the C# text written
    // into the declaration and as the value the compiler binds it to, so the oracle (DeclarationOracle) judges values
    // and never re-parses text. Arguments that do not bind at all (a string for an int, a missing argument) say so with
    // Breaks: they make a compiler error in the user's own code, which the oracle treats as its own outcome.

    /// <summary>
    /// One attribute argument: its C# text and the value it binds to (an int for ints and enums, a float, a bool, a
    /// string or null). <c>§</c> in <see cref="Text"/> stands for the prefix that reaches ModelGen's types under the
    /// case's <see cref="Spelling"/> (nothing, <c>global::ModelGen.</c> or the alias <c>MG.</c>).
    /// </summary>
    /// <param name="Recovers">
    /// A broken argument Roslyn still binds to a value, leaving no error constant in the AttributeData: a named
    /// argument with an explicit conversion (<c>Optimizer = 1</c>, <c>LearningRate = 0.1</c>) or an out-of-range
    /// literal (<c>1e39f</c>).
    /// </param>
    internal sealed record Arg(string Text, object? Value, bool Breaks = false, bool Recovers = false)
    {
        public int Int => (int)Value!;
        public override string ToString() => Text;
    }

    /// <summary>How the case reaches ModelGen's attributes and enums.</summary>
    internal enum Spelling
    {
        /// <summary><c>using ModelGen;</c> and short names: <c>[Dense(3, Activation.Relu)]</c>.</summary>
        Using,
        /// <summary>No using: <c>[global::ModelGen.DenseAttribute(3, global::ModelGen.Activation.Relu)]</c>.</summary>
        GlobalQualified,
        /// <summary><c>using MG = global::ModelGen;</c> and <c>[MG.Dense(3, MG.Activation.Relu)]</c>.</summary>
        Alias,
    }

    internal enum LayerKind { Input, Flatten, Dense }

    /// <summary>How an [Input] writes its shape.</summary>
    internal enum ShapeForm
    {
        /// <summary><c>[Input(28, 28)]</c>: the params form; no dimensions is <c>[Input]</c> or <c>[Input()]</c>.</summary>
        Params,
        /// <summary><c>[Input(new int[] { 28, 28 })]</c> (or <c>new int[0]</c> when empty): the normal form.</summary>
        Array,
        /// <summary><c>[Input(null)]</c>: a null array, which C# accepts for <c>params int[]</c>.</summary>
        NullArray,
    }

    /// <summary>One layer attribute.</summary>
    /// <param name="Kind">Input, Flatten or Dense.</param>
    /// <param name="Dims">Input only: the dimensions (bound values; an argument may break).</param>
    /// <param name="Shape">Input only: how the dimensions are written.</param>
    /// <param name="Units">Dense only: the units argument; null when missing (a compiler error).</param>
    /// <param name="Activation">Dense only: the activation argument; null when left to its default (Identity).</param>
    /// <param name="ActivationByName">Dense only: write <c>activation: ...</c> as a named constructor argument.</param>
    /// <param name="UseBias">Dense only: <c>UseBias = ...</c>, or null when absent (true).</param>
    /// <param name="KernelInit">Dense only: <c>KernelInit = ...</c>, or null when absent.</param>
    /// <param name="BiasInit">Dense only: <c>BiasInit = ...</c>, or null when absent.</param>
    /// <param name="Name">The <c>Name = ...</c> argument, or null when absent (its value may be null too: the default).</param>
    /// <param name="Extra">An argument that does not compile, appended as is (e.g. <c>Units = 4</c> on a read-only property).</param>
    internal sealed partial record LayerSpec(
        LayerKind Kind,
        ImmutableArray<Arg> Dims,
        ShapeForm Shape,
        Arg? Units,
        Arg? Activation,
        bool ActivationByName,
        Arg? UseBias,
        Arg? KernelInit,
        Arg? BiasInit,
        Arg? Name,
        string? Extra)
    {
        public static LayerSpec Input(params Arg[] dims) =>
            new(LayerKind.Input, dims.ToImmutableArray(), ShapeForm.Params, null, null, false, null, null, null, null, null);

        public static LayerSpec Flatten() =>
            new(LayerKind.Flatten, ImmutableArray<Arg>.Empty, ShapeForm.Params, null, null, false, null, null, null, null, null);

        public static LayerSpec Dense(Arg units, Arg? activation = null) =>
            new(LayerKind.Dense, ImmutableArray<Arg>.Empty, ShapeForm.Params, units, activation, false, null, null, null, null, null);

        /// <summary>Whether a compiler error here leaves a value Roslyn still binds (see <see cref="Arg.Recovers"/>).</summary>
        public bool Recovers =>
            Extra is "Foo = 1" or "KernelInit = 1"
            // An array element converts explicitly: new int[] { 3.5f } binds to 3 (CS0266).
            || (Shape == ShapeForm.Array && Dims.Any(d => d.Breaks && d.Text is "3.5f" or "2.0" or "3L" or "3u" or "(long)3"))
            || new[] { Units, Activation, UseBias, KernelInit, BiasInit, Name }.Any(a => a is { Recovers: true });

        /// <summary>Whether this attribute fails to bind (a compiler error in the declaration).</summary>
        public bool Breaks =>
            Extra is not null
            || (Kind == LayerKind.Dense && Units is null)
            || (Shape != ShapeForm.NullArray && Dims.Any(d => d.Breaks)) // a null array writes no dimension at all
            || new[] { Units, Activation, UseBias, KernelInit, BiasInit, Name }.Any(a => a is { Breaks: true });
    }

    /// <summary>The [Model(...)] attribute; a null argument is absent (its default applies).</summary>
    /// <param name="Extra">An argument that does not compile (an unknown property, a second Loss).</param>
    /// <param name="Twice">A second [Model] on the class: CS0579, since the attribute allows one.</param>
    /// <param name="Position">Where [Model] stands among the layer attributes (0: first); it does not change the layers.</param>
    internal sealed partial record OptionsSpec(
        Arg? Loss,
        Arg? Optimizer,
        Arg? LearningRate,
        Arg? FromLogits,
        Arg? UnrollThreshold,
        string? Extra,
        bool Twice,
        int Position)
    {
        public static readonly OptionsSpec Default = new(null, null, null, null, null, null, false, 0);

        /// <summary>Whether a compiler error here leaves a value Roslyn still binds (see <see cref="Arg.Recovers"/>).</summary>
        public bool Recovers =>
            Extra is "Foo = 1" or "Loss = §Loss.MeanSquaredError, Loss = §Loss.MeanSquaredError"
            || new[] { Loss, Optimizer, LearningRate, FromLogits, UnrollThreshold }.Any(a => a is { Recovers: true });

        /// <summary>Whether the attribute fails to bind.</summary>
        public bool Breaks => Extra is not null || new[] { Loss, Optimizer, LearningRate, FromLogits, UnrollThreshold }.Any(a => a is { Breaks: true });
    }

    internal enum TypeKind { Class, Struct, Record, RecordStruct, Interface }

    internal enum BaseKind
    {
        None,
        /// <summary><c>: Base</c>, a plain class the case declares.</summary>
        UserClass,
        /// <summary><c>: object</c> written out.</summary>
        ExplicitObject,
        /// <summary><c>: global::System.IDisposable</c>: an interface only (CompiledModel implements it).</summary>
        Interface,
    }

    internal enum Nesting { None, InClass, InStruct }

    /// <summary>The type the attributes sit on.</summary>
    /// <param name="Name">The identifier as written (may be a verbatim keyword such as <c>@class</c>).</param>
    /// <param name="Modifier">One extra modifier: "", "sealed", "abstract" or "unsafe".</param>
    /// <param name="Accessibility">"public", "internal" or "".</param>
    /// <param name="SemicolonBody">Write <c>partial class Net;</c> instead of <c>{ }</c>.</param>
    /// <param name="SplitAt">
    /// When set, a second <c>partial</c> declaration of the same class follows the first and carries the layer
    /// attributes from this index on (the compiler reads them in source order).
    /// </param>
    internal sealed record ClassSpec(
        string Name,
        TypeKind Kind,
        bool Static,
        bool Partial,
        bool Generic,
        bool FileLocal,
        BaseKind Base,
        Nesting Nesting,
        string Modifier,
        string Accessibility,
        bool SemicolonBody,
        int? SplitAt)
    {
        public static ClassSpec Plain(string name) =>
            new(name, TypeKind.Class, false, true, false, false, BaseKind.None, Nesting.None, "", "public", false, null);
    }

    internal enum NamespaceStyle
    {
        Global,
        /// <summary><c>namespace A.B { ... }</c></summary>
        Block,
        /// <summary><c>namespace A.B;</c> (single-model cases only).</summary>
        FileScoped,
        /// <summary><c>namespace A { namespace B { ... } }</c></summary>
        Nested,
    }

    /// <summary>The namespace a model is declared in; segments are identifiers as written (e.g. <c>@event</c>).</summary>
    internal sealed record NamespaceSpec(NamespaceStyle Style, ImmutableArray<string> Segments)
    {
        public static readonly NamespaceSpec Global = new(NamespaceStyle.Global, ImmutableArray<string>.Empty);
    }

    /// <summary>One [Model] class: where it is, what it is, its options and its layers in order.</summary>
    /// <param name="OneAttributeList">Write every attribute in one list, <c>[Model, Input(4), Dense(2)]</c>.</param>
    /// <param name="Foreign">Put an unrelated attribute (<c>global::System.Serializable</c>) between the layers.</param>
    internal sealed record ModelSpec(
        NamespaceSpec Namespace,
        ClassSpec Class,
        OptionsSpec Options,
        ImmutableArray<LayerSpec> Layers,
        bool OneAttributeList,
        bool Foreign);

    /// <summary>
    /// One fuzz case: a source file holding one model, or two (the second tests models side by side in one
    /// compilation). <see cref="Seed"/> regenerates it (<see cref="DeclarationGen.FromSeed"/>).
    /// </summary>
    internal sealed record CaseSpec(int Seed, Spelling Spelling, ImmutableArray<ModelSpec> Models)
    {
        // Records print every member; FsCheck prints its arguments on failure, and the property's own message already
        // holds the declaration text, so keep this short.
        public override string ToString() => $"case {Seed}";
    }
}
