namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Every activation's forward and derivative as C# in the kernel vocabulary of <c>ModelGen.CompiledModel</c>
    /// (<c>Relu(v)</c>, <c>TanhBackward(d, y)</c>, ...: overloads for floats and both vector widths). The derivative is
    /// taken from the output y, so the forward pass stores only y.
    /// </summary>
    public static class ActivationCSharp
    {
        /// <summary>The activation applied in registers (vector or scalar), or null when it runs as a pass over the row.</summary>
        public static string? InRegisters(Activation activation, string v) => activation switch
        {
            Activation.Identity => v,
            Activation.Relu => $"Relu({v})",
            Activation.Sigmoid => $"Sigmoid({v})",
            Activation.Tanh => $"Tanh({v})",
            _ => null,
        };

        /// <summary>The activation of one float; null for softmax, which needs the whole row.</summary>
        public static string? Scalar(Activation activation, string s) => activation switch
        {
            Activation.Identity => s,
            Activation.Relu => $"Relu({s})",
            Activation.Sigmoid => $"Sigmoid({s})",
            Activation.Tanh => $"Tanh({s})",
            _ => null,
        };

        /// <summary>dL/dz from dL/dy (<paramref name="d"/>) and y, for floats and vectors alike; null when it is the identity.</summary>
        public static string? Derivative(Activation activation, string d, string y) => activation switch
        {
            Activation.Relu => $"ReluBackward({d}, {y})",
            Activation.Sigmoid => $"SigmoidBackward({d}, {y})",
            Activation.Tanh => $"TanhBackward({d}, {y})",
            _ => null,
        };

        /// <summary>How the activation reads in comments.</summary>
        public static string Describe(Activation activation) => activation switch
        {
            Activation.Identity => "identity",
            Activation.Relu => "ReLU",
            Activation.Sigmoid => "sigmoid",
            Activation.Tanh => "tanh",
            Activation.Softmax => "softmax",
            _ => activation.ToString(),
        };
    }
}
