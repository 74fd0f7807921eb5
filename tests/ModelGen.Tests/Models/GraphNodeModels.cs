using ModelGen;

namespace ModelGen.Tests.Models
{
    // Flatten as a graph node (Numerics/GraphFlattenTests.cs).

    /// <summary>
    /// A [4, 3] image flattened into a Dense (Flatten of an input: a copy, no gradient), and two [2, 3] inputs added
    /// element-wise, then flattened (Flatten of a computed node: its gradient goes back to the Add, and on to a Dense).
    /// </summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.01f)]
    public partial class FlattenNodesNet
    {
        [Input(4, 3)] public static Node Image { get; }
        [Input(2, 3)] public static Node Left { get; }
        [Input(6)] public static Node Right { get; }
        [Flatten(From = nameof(Image))] public static Node ImageRow { get; }
        [Dense(6, Activation.Tanh, From = nameof(Right))] public static Node RightHidden { get; }
        [Flatten(From = nameof(Left))] public static Node LeftRow { get; }
        [Add(nameof(LeftRow), nameof(RightHidden))] public static Node Mixed { get; }
        [Flatten(From = nameof(Mixed))] public static Node MixedRow { get; }
        [Concatenate(nameof(ImageRow), nameof(MixedRow))] public static Node Both { get; }
        [Dense(2, From = nameof(Both))][Output] public static Node Y { get; }
    }

    /// <summary>The sequential [Input(4, 3)] [Flatten] [Dense(2)] that the image path of a flatten node must match.</summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.01f)]
    public partial class FlattenNodeOnly
    {
        [Input(4, 3)] public static Node Image { get; }
        [Flatten(From = nameof(Image))] public static Node Row { get; }
        [Dense(2, From = nameof(Row))][Output] public static Node Y { get; }
    }

    /// <summary>The sequential counterpart of <see cref="FlattenNodeOnly"/>.</summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.01f)]
    [Input(4, 3)]
    [Flatten]
    [Dense(2, Name = "Y")]
    public partial class SequentialFlattenOnly;
}
