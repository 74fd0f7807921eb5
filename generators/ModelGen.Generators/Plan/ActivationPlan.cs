namespace ModelGen.Generators.Plan
{
    /// <summary>
    /// A Dense step's activation with its constants and its memory: the parameter tensor it learns (PReLU's alpha, a
    /// learned Swish beta) and the pre-activation z buffer that the derivatives which cannot be taken from y read.
    /// </summary>
    /// <param name="Kind">The activation.</param>
    /// <param name="NegativeSlope">Leaky ReLU's slope.</param>
    /// <param name="Alpha">ELU's alpha.</param>
    /// <param name="Beta">Swish's fixed beta (or the initial value of a learned one).</param>
    /// <param name="LearnBeta">Whether Swish learns beta.</param>
    /// <param name="RReluLower">RReLU's lowest slope.</param>
    /// <param name="RReluUpper">RReLU's highest slope.</param>
    /// <param name="ParameterOffset">Offset of the learned tensor in the parameter arena ([units] alphas or one beta), or -1.</param>
    /// <param name="PreActivationBuffer">Per-sample offset of the z rows ([capacity, padded units]) in the activation arena, or -1.</param>
    public sealed record ActivationPlan(
        Activation Kind,
        float NegativeSlope,
        float Alpha,
        float Beta,
        bool LearnBeta,
        float RReluLower,
        float RReluUpper,
        int ParameterOffset,
        int PreActivationBuffer)
    {
        /// <summary>No z buffer or learned tensor.</summary>
        public const int None = -1;

        /// <summary>The plan of an activation without parameters (the activations that existed before the toolbox).</summary>
        public static ActivationPlan Plain(Activation kind) => new(kind, 0.2f, 1f, 1f, false, 0.125f, 1f / 3f, None, None);

        /// <summary>Whether the derivative needs the pre-activation z (it cannot be computed from y alone).</summary>
        public static bool NeedsPreActivation(Activation kind) => kind is Activation.PRelu or Activation.RRelu
            or Activation.Gelu or Activation.GeluTanh or Activation.GeluSigmoid or Activation.Swish or Activation.Mish or Activation.ArcTan;

        /// <summary>Whether this activation keeps a z buffer.</summary>
        public bool HasPreActivation => PreActivationBuffer != None;

        /// <summary>Whether this activation learns a tensor (PReLU's alpha, or Swish's beta when <see cref="LearnBeta"/>).</summary>
        public bool HasParameter => ParameterOffset != None;

        /// <summary>Whether the forward pass draws random numbers in training (RReLU's slopes).</summary>
        public bool IsStochastic => Kind == Activation.RRelu;

        /// <summary>RReLU's inference slope, the mean of its range.</summary>
        public float RReluMean => (RReluLower + RReluUpper) / 2f;
    }
}
