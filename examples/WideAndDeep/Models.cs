using ModelGen;

namespace WideAndDeepExample
{
    /// <summary>The book's first wide &amp; deep variant: the same 10 features feed the wide path and the deep path.</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
    public partial class WideAndDeepSameInput
    {
        [Input(10)] public static Node Features { get; }
        [Dense(30, Activation.Relu, From = nameof(Features))] public static Node Hidden1 { get; }
        [Dense(30, Activation.Relu, From = nameof(Hidden1))] public static Node Hidden2 { get; }
        [Concatenate(nameof(Features), nameof(Hidden2))] public static Node Concat { get; }
        [Dense(1, From = nameof(Concat))][Output] public static Node Progression { get; }
    }

    /// <summary>
    /// The second variant: a wide input (age, sex, bmi, bp, s1) and a deep input (bmi ... s6), overlapping in bmi, bp
    /// and s1, with an auxiliary output on the deep path weighted 0.1 against the main output's 0.9.
    /// </summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
    public partial class WideAndDeepTwoInputs
    {
        [Input(5)] public static Node Wide { get; }
        [Input(8)] public static Node Deep { get; }
        [Dense(30, Activation.Relu, From = nameof(Deep))] public static Node Hidden1 { get; }
        [Dense(30, Activation.Relu, From = nameof(Hidden1))] public static Node Hidden2 { get; }
        [Concatenate(nameof(Wide), nameof(Hidden2))] public static Node Concat { get; }
        [Dense(1, From = nameof(Concat), Name = "main_output")][Output(LossWeight = 0.9f)] public static Node MainOutput { get; }
        [Dense(1, From = nameof(Hidden2), Name = "aux_output")][Output(LossWeight = 0.1f)] public static Node AuxOutput { get; }
    }

    /// <summary>A residual MLP: two blocks x + Dense(Dense(x)) of 32 units.</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
    public partial class ResidualMlp
    {
        [Input(10)] public static Node Features { get; }
        [Dense(32, Activation.Relu, From = nameof(Features))] public static Node Stem { get; }
        [Dense(32, Activation.Relu, From = nameof(Stem))] public static Node Block1A { get; }
        [Dense(32, From = nameof(Block1A))] public static Node Block1B { get; }
        [Add(nameof(Stem), nameof(Block1B))] public static Node Skip1 { get; }
        [Dense(32, Activation.Relu, From = nameof(Skip1))] public static Node Block2A { get; }
        [Dense(32, From = nameof(Block2A))] public static Node Block2B { get; }
        [Add(nameof(Skip1), nameof(Block2B))] public static Node Skip2 { get; }
        [Dense(1, From = nameof(Skip2))][Output] public static Node Progression { get; }
    }

    /// <summary>The baseline: a plain sequential MLP with the deep path's layers.</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
    [Input(10)]
    [Dense(30, Activation.Relu)]
    [Dense(30, Activation.Relu)]
    [Dense(1)]
    public partial class PlainMlp;
}
