namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Every activation's forward and derivative as C# expressions, scalar and 8-lane vector. The derivative is taken
    /// from the activation's output y (all of these have one), so the forward pass stores only y.
    /// </summary>
    public static class ActivationCSharp
    {
        /// <summary>The activation applied to a Vector256 expression, or null when it has no vector form here.</summary>
        public static string? Vector(Activation activation, string v) => activation switch
        {
            Activation.Identity => v,
            Activation.Relu => $"Vector256.Max({v}, Vector256<float>.Zero)",
            _ => null,
        };

        /// <summary>The activation applied to a float expression; null for softmax, which needs the whole row.</summary>
        public static string? Scalar(Activation activation, string s) => activation switch
        {
            Activation.Identity => s,
            Activation.Relu => $"MathF.Max({s}, 0f)",
            Activation.Sigmoid => $"1f / (1f + MathF.Exp(-({s})))",
            Activation.Tanh => $"MathF.Tanh({s})",
            _ => null,
        };

        /// <summary>dL/dz from dL/dy (<paramref name="d"/>) and the output (<paramref name="y"/>), as floats.</summary>
        public static string ScalarDerivative(Activation activation, string d, string y) => activation switch
        {
            Activation.Relu => $"{y} > 0f ? {d} : 0f",
            Activation.Sigmoid => $"{d} * {y} * (1f - {y})",
            Activation.Tanh => $"{d} * (1f - {y} * {y})",
            _ => d,
        };

        /// <summary>dL/dz from dL/dy and y, as Vector256 expressions.</summary>
        public static string VectorDerivative(Activation activation, string d, string y) => activation switch
        {
            Activation.Relu => $"Vector256.ConditionalSelect(Vector256.GreaterThan({y}, Vector256<float>.Zero), {d}, Vector256<float>.Zero)",
            Activation.Sigmoid => $"{d} * {y} * (Vector256<float>.One - {y})",
            Activation.Tanh => $"{d} * (Vector256<float>.One - {y} * {y})",
            _ => d,
        };

        /// <summary>Whether the derivative is the identity (nothing to emit).</summary>
        public static bool HasElementwiseDerivative(Activation activation) =>
            activation is Activation.Relu or Activation.Sigmoid or Activation.Tanh;

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
