using ModelGen;

namespace ModelGen.Tests.Models
{
    /// <summary>
    /// <see cref="FrozenMiddle"/> with "dense_1" trainable (same regularizer and constraint), to be frozen at run time:
    /// frozen by <c>Freeze("dense_1")</c> it must step exactly as FrozenMiddle.
    /// </summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 0.01f, WeightDecay = 0.1f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(7, Activation.Tanh, KernelRegularizer = Regularizer.L2, KernelConstraint = Constraint.MaxNorm, MaxValue = 0.1f)]
    [Dense(3)]
    public partial class RunTimeFreezable;
}
