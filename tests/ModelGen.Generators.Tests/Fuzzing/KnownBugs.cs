namespace ModelGen.Generators.Tests.Fuzzing
{
    /// <summary>
    /// Generator bugs the fuzzer found and that are still open. Each has a skipped regression test in
    /// <c>FuzzRegressionTests</c>; while it is open, the generators here steer around it so the property keeps finding
    /// new problems instead of the same one. When a bug is fixed: unskip its test and set its switch to false.
    /// </summary>
    internal static class KnownBugs
    {
        /// <summary>
        /// Fixed: two valid models whose generated file names differ only in case (<c>Net</c> and <c>NET</c> in one
        /// namespace) made the generator throw, since Roslyn compares hint names ignoring case; the later one in ordinal
        /// order now gets <c>.2.g.cs</c>. Test:
        /// <c>FuzzRegressionTests.TwoModelsWhoseNamesDifferOnlyInCase_GenerateBothWithoutCrashing</c>.
        /// </summary>
        public const bool HintNamesCollideIgnoringCase = false;

        /// <summary>
        /// <c>partial class Net : object</c> passes the base-class check (its base type is object) and gets a file
        /// that declares <c>: global::ModelGen.CompiledModel</c>, which does not compile (CS0263). Test:
        /// <c>FuzzRegressionTests.ExplicitObjectBase_ReportsMG0004OrCompiles</c>.
        /// </summary>
        public const bool ExplicitObjectBaseBreaksOutput = false;

        /// <summary>
        /// <c>[Input(null)]</c> (a null <c>params</c> array, which C# accepts) makes the parser dereference the null
        /// array: MG0099 (NullReferenceException) instead of MG0007 for an empty shape. Test:
        /// <c>FuzzRegressionTests.InputWithNullShape_ReportsMG0007NotMG0099</c>.
        /// </summary>
        public const bool NullInputShapeCrashes = false;

        /// <summary>
        /// MG0016 counts kernels as inputs x units, but the planner stores them padded to whole 16-float vectors
        /// (inputs x 16 for one unit): between the two counts a model passes validation and the memory plan overflows
        /// int (negative arena sizes in the generated layout). The oracle counts the padded arena; models in between
        /// are excused. Test: <c>FuzzRegressionTests.KernelPastInt32OnlyOncePadded_ReportsMG0016OrPlansASaneArena</c>.
        /// </summary>
        public const bool SizeCheckIgnoresPadding = false;

        /// <summary>
        /// The validator multiplies input dimensions in a long that wraps: <c>[Input(1 &lt;&lt; 30, 1 &lt;&lt; 30, 16)]</c>
        /// flattens to 0 floats, so a model with 2^64 inputs passes and is generated (and MG0016 is missed beside other
        /// errors). Models whose input dimensions multiply past 2^63 - 1 are excused from MG0016. Test:
        /// <c>FuzzRegressionTests.InputWhoseSizeOverflowsLong_ReportsMG0016</c>.
        /// </summary>
        public const bool InputSizeProductOverflows = false;

        /// <summary>
        /// A model class named like a member the generator emits (<c>Forward</c>, <c>Output</c>, <c>LossGradient</c>,
        /// <c>DenseForward</c> with a layer named "dense") gets a file that does not compile: CS0542, a member named like
        /// its enclosing type. Test: <c>FuzzRegressionTests.ClassNamedLikeAGeneratedMember_ReportsOrCompiles</c>.
        /// </summary>
        public const bool ClassNameCollidesWithGeneratedMember = false;

        /// <summary>
        /// The parser skips an attribute only when Roslyn marks an argument as an error constant, but Roslyn recovers
        /// from many argument errors with a value: a named argument that needs an explicit conversion
        /// (<c>Optimizer = 1</c>, <c>LearningRate = 0.1</c>, <c>UnrollThreshold = 256L</c>, <c>KernelInit = 1</c>, and
        /// array elements, <c>[Input(new int[] { 3.5f })]</c>: CS0266/CS0664), an unknown named argument
        /// (<c>Foo = 1</c>: CS0246), a named argument given twice (CS0643). ModelGen then generates a file for a
        /// declaration that does not compile, against the parser's own contract (harmless in a build, which fails on the
        /// user's error anyway). While open, such declarations may get a file; everything else is still checked. Test:
        /// <c>FuzzRegressionTests.RecoveredArgumentError_GeneratesNoFile</c>.
        /// </summary>
        public const bool RecoveredArgumentErrorsIgnored = false;
    }
}
