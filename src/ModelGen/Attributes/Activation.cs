namespace ModelGen
{
    /// <summary>
    /// Element-wise activation applied to a layer's output. Names and defaults follow Keras 3 where Keras has the
    /// activation; docs/reference/activations.md gives every formula, derivative and parameter.
    /// </summary>
    public enum Activation
    {
        /// <summary>f(x) = x (Keras "linear").</summary>
        Identity = 0,
        /// <summary>f(x) = 1 / (1 + e^-x).</summary>
        Sigmoid = 1,
        /// <summary>f(x) = tanh(x).</summary>
        Tanh = 2,
        /// <summary>f(x) = max(0, x).</summary>
        Relu = 3,
        /// <summary>f(x)_i = e^x_i / sum_j e^x_j over the layer's units.</summary>
        Softmax = 4,
        /// <summary>Heaviside step, the perceptron's threshold unit: f(x) = x &gt;= 0 ? 1 : 0; derivative 0.</summary>
        Step = 5,
        /// <summary>f(x) = sign(x) (-1, 0 or 1); derivative 0.</summary>
        Sign = 6,
        /// <summary>Keras 3 hard sigmoid: f(x) = relu6(x + 3) / 6 = clip(x / 6 + 0.5, 0, 1).</summary>
        HardSigmoid = 7,
        /// <summary>f(x) = arctan(x).</summary>
        ArcTan = 8,
        /// <summary>f(x) = x &gt;= 0 ? x : slope · x, with <c>NegativeSlope</c> (Keras "leaky_relu" default 0.2).</summary>
        LeakyRelu = 9,
        /// <summary>Parametric ReLU: f(x) = x &gt;= 0 ? x : alpha · x with one learned alpha per unit (tensor <c>{layer}.alpha</c>, initially 0 as Keras).</summary>
        PRelu = 10,
        /// <summary>Randomized leaky ReLU: slope drawn from U(<c>RReluLower</c>, <c>RReluUpper</c>) per element in training, their mean at inference.</summary>
        RRelu = 11,
        /// <summary>f(x) = x &gt; 0 ? x : alpha (e^x - 1), with <c>Alpha</c> (default 1).</summary>
        Elu = 12,
        /// <summary>f(x) = scale · elu(x, alpha) with Keras' fixed constants (scale ≈ 1.0507, alpha ≈ 1.6733); pair it with LeCun-normal kernels.</summary>
        Selu = 13,
        /// <summary>Exact GELU: f(x) = x Φ(x) = 0.5 x (1 + erf(x / √2)) (Keras "gelu").</summary>
        Gelu = 14,
        /// <summary>GELU, tanh approximation: 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))).</summary>
        GeluTanh = 15,
        /// <summary>GELU, sigmoid approximation: x σ(1.702 x).</summary>
        GeluSigmoid = 16,
        /// <summary>Swish / SiLU: f(x) = x σ(beta · x), beta fixed (<c>Beta</c>, default 1) or learned (<c>LearnBeta</c>: tensor <c>{layer}.beta</c>).</summary>
        Swish = 17,
        /// <summary>f(x) = x tanh(softplus(x)).</summary>
        Mish = 18,
        /// <summary>f(x) = log(1 + e^x), computed overflow-free.</summary>
        Softplus = 19,
        /// <summary>f(x) = x / (1 + |x|).</summary>
        Softsign = 20,
        /// <summary>f(x) = e^x.</summary>
        Exponential = 21,
    }
}
