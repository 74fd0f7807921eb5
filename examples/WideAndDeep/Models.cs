using ModelGen;

namespace WideAndDeepExample
{
    /// <summary>
    /// The book's first wide &amp; deep variant: the same 10 features, standardized by a Normalization layer adapted on
    /// the training data (<c>AdaptNorm</c>), feed the wide path and the deep path.
    /// </summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
    public partial class WideAndDeepSameInput
    {
        [Input(10)] public static Node Features { get; }
        [Normalization(From = nameof(Features))] public static Node Norm { get; }
        [Dense(30, Activation.Relu, From = nameof(Norm))] public static Node Hidden1 { get; }
        [Dense(30, Activation.Relu, From = nameof(Hidden1))] public static Node Hidden2 { get; }
        [Concatenate(nameof(Norm), nameof(Hidden2))] public static Node Concat { get; }
        [Dense(1, From = nameof(Concat))][Output] public static Node Progression { get; }
    }

    /// <summary>
    /// The second variant: a wide input (age, sex, bmi, bp, s1) and a deep input (bmi ... s6), overlapping in bmi, bp
    /// and s1, each standardized by its own Normalization layer (the book's norm_layer_wide and norm_layer_deep), with
    /// an auxiliary output on the deep path weighted 0.1 against the main output's 0.9; both report their RMSE.
    /// </summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
    public partial class WideAndDeepTwoInputs
    {
        [Input(5)] public static Node Wide { get; }
        [Input(8)] public static Node Deep { get; }
        [Normalization(From = nameof(Wide))] public static Node NormWide { get; }
        [Normalization(From = nameof(Deep))] public static Node NormDeep { get; }
        [Dense(30, Activation.Relu, From = nameof(NormDeep))] public static Node Hidden1 { get; }
        [Dense(30, Activation.Relu, From = nameof(Hidden1))] public static Node Hidden2 { get; }
        [Concatenate(nameof(NormWide), nameof(Hidden2))] public static Node Concat { get; }
        [Dense(1, From = nameof(Concat), Name = "main_output")]
        [Output(LossWeight = 0.9f, Metrics = new[] { Metric.RootMeanSquaredError })]
        public static Node MainOutput { get; }
        [Dense(1, From = nameof(Hidden2), Name = "aux_output")]
        [Output(LossWeight = 0.1f, Metrics = new[] { Metric.RootMeanSquaredError })]
        public static Node AuxOutput { get; }
    }

    /// <summary>A residual MLP on the standardized features: two blocks x + Dense(Dense(x)) of 32 units.</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
    public partial class ResidualMlp
    {
        [Input(10)] public static Node Features { get; }
        [Normalization(From = nameof(Features))] public static Node Norm { get; }
        [Dense(32, Activation.Relu, From = nameof(Norm))] public static Node Stem { get; }
        [Dense(32, Activation.Relu, From = nameof(Stem))] public static Node Block1A { get; }
        [Dense(32, From = nameof(Block1A))] public static Node Block1B { get; }
        [Add(nameof(Stem), nameof(Block1B))] public static Node Skip1 { get; }
        [Dense(32, Activation.Relu, From = nameof(Skip1))] public static Node Block2A { get; }
        [Dense(32, From = nameof(Block2A))] public static Node Block2B { get; }
        [Add(nameof(Skip1), nameof(Block2B))] public static Node Skip2 { get; }
        [Dense(1, From = nameof(Skip2))][Output] public static Node Progression { get; }
    }

    /// <summary>The baseline: a plain sequential MLP with the deep path's layers, after a Normalization (<c>Adapt</c>).</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
    [Input(10)]
    [Normalization]
    [Dense(30, Activation.Relu)]
    [Dense(30, Activation.Relu)]
    [Dense(1)]
    public partial class PlainMlp;
}
