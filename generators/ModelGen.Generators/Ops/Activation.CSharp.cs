using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Every activation's forward and derivative as C# in the kernel vocabulary of <c>ModelGen.CompiledModel</c>
    /// (<c>Relu(v)</c>, <c>TanhBackward(d, y)</c>, ...: overloads for floats and both vector widths). The cheap ones
    /// run in the micro-kernel's registers and take their derivative from the output y; the others run as a pass over
    /// each finished row in the same generated method, and those whose derivative y does not determine (GELU, Swish,
    /// Mish, arctan, PReLU, RReLU) keep the pre-activation z in their own buffer for the backward pass.
    /// </summary>
    public static class ActivationCSharp
    {
        /// <summary>The activation applied in registers (vector or scalar), or null when it runs as a pass over the row.</summary>
        public static string? InRegisters(ActivationPlan a, string v) => a.Kind switch
        {
            Activation.Identity => v,
            Activation.Relu => $"Relu({v})",
            Activation.Sigmoid => $"Sigmoid({v})",
            Activation.Tanh => $"Tanh({v})",
            Activation.Step => $"Step({v})",
            Activation.Sign => $"Sign({v})",
            Activation.HardSigmoid => $"HardSigmoid({v})",
            Activation.Softsign => $"Softsign({v})",
            Activation.LeakyRelu => $"LeakyRelu({v}, {Literal(a.NegativeSlope)})",
            _ => null,
        };

        /// <summary>The activation in registers, for the activations that existed before their parameters did.</summary>
        public static string? InRegisters(Activation activation, string v) => InRegisters(ActivationPlan.Plain(activation), v);

        /// <summary>The activation of one float that needs neither z nor a learned tensor; null for the others and softmax.</summary>
        public static string? Scalar(ActivationPlan a, string s) => a.Kind switch
        {
            Activation.Elu => $"Elu({s}, {Literal(a.Alpha)})",
            Activation.Selu => $"Selu({s})",
            Activation.Softplus => $"Softplus({s})",
            Activation.Exponential => $"Exponential({s})",
            _ => InRegisters(a, s),
        };

        /// <summary>The activation of one float for activations without parameters (kept for callers of the old shape).</summary>
        public static string? Scalar(Activation activation, string s) => Scalar(ActivationPlan.Plain(activation), s);

        /// <summary>dL/dz from dL/dy (<paramref name="d"/>) and y, for floats and vectors alike; null when it is the identity or needs more than y.</summary>
        public static string? Derivative(ActivationPlan a, string d, string y) => a.Kind switch
        {
            Activation.Relu => $"ReluBackward({d}, {y})",
            Activation.Sigmoid => $"SigmoidBackward({d}, {y})",
            Activation.Tanh => $"TanhBackward({d}, {y})",
            Activation.HardSigmoid => $"HardSigmoidBackward({d}, {y})",
            Activation.Softsign => $"SoftsignBackward({d}, {y})",
            Activation.Exponential => $"ExponentialBackward({d}, {y})",
            Activation.LeakyRelu => $"LeakyReluBackward({d}, {y}, {Literal(a.NegativeSlope)})",
            _ => null,
        };

        /// <summary>dL/dz from dL/dy and y, for the activations without parameters.</summary>
        public static string? Derivative(Activation activation, string d, string y) => Derivative(ActivationPlan.Plain(activation), d, y);

        /// <summary>dL/dz of one float from y where only a scalar form exists (ELU, SELU, softplus).</summary>
        private static string? ScalarDerivative(ActivationPlan a, string d, string y) => a.Kind switch
        {
            Activation.Elu => $"EluBackward({d}, {y}, {Literal(a.Alpha)})",
            Activation.Selu => $"SeluBackward({d}, {y})",
            Activation.Softplus => $"SoftplusBackward({d}, {y})",
            _ => null,
        };

        /// <summary>Whether the derivative is zero everywhere it exists (step and sign): backward writes dz = 0.</summary>
        public static bool HasZeroDerivative(Activation kind) => kind is Activation.Step or Activation.Sign;

        /// <summary>How the activation reads in comments.</summary>
        public static string Describe(Activation activation) => activation switch
        {
            Activation.Identity => "identity",
            Activation.Relu => "ReLU",
            Activation.Sigmoid => "sigmoid",
            Activation.Tanh => "tanh",
            Activation.Softmax => "softmax",
            Activation.Step => "step",
            Activation.Sign => "sign",
            Activation.HardSigmoid => "hard sigmoid",
            Activation.ArcTan => "arctan",
            Activation.LeakyRelu => "leaky ReLU",
            Activation.PRelu => "PReLU",
            Activation.RRelu => "RReLU",
            Activation.Elu => "ELU",
            Activation.Selu => "SELU",
            Activation.Gelu => "GELU",
            Activation.GeluTanh => "GELU (tanh approximation)",
            Activation.GeluSigmoid => "GELU (sigmoid approximation)",
            Activation.Swish => "swish",
            Activation.Mish => "mish",
            Activation.Softplus => "softplus",
            Activation.Softsign => "softsign",
            Activation.Exponential => "exponential",
            _ => activation.ToString(),
        };

        /// <summary>
        /// The row pass of an activation without a register form, after the micro-kernels stored z in y: z is copied
        /// to its buffer where the derivative needs it, and y = f(z) over the used columns.
        /// </summary>
        public static void WriteRowPass(CodeWriter w, DensePlan d)
        {
            ActivationPlan a = d.Act;
            if (InRegisters(a, "_") is not null) return;
            if (!a.HasPreActivation)
            {
                using (w.Block("for (int n = 0; n < count; n++)"))
                {
                    w.Line($"float* yn = y + n * {d.PaddedUnits};");
                    w.Line(a.Kind == Activation.Softmax
                        ? $"SoftmaxInPlace(yn, {d.Units});"
                        : $"for (int j = 0; j < {d.Units}; j++) yn[j] = {Scalar(a, "yn[j]")};");
                }
                return;
            }
            w.Line($"float* z = {PreActivation(d)}; // pre-activation rows [count, {d.PaddedUnits}], read by the backward pass");
            WriteParameterPointer(w, d);
            if (a.Kind == Activation.RRelu)
            {
                w.Line($"// RReLU: a slope drawn from U({Literal(a.RReluLower)}, {Literal(a.RReluUpper)}) per element while training, the mean {Literal(a.RReluMean)} at inference.");
                w.Line("bool training = Training;");
            }
            using (w.Block("for (int n = 0; n < count; n++)"))
            {
                w.Line($"float* yn = y + n * {d.PaddedUnits}, zn = z + n * {d.PaddedUnits};");
                using (w.Block($"for (int j = 0; j < {d.Units}; j++)"))
                {
                    w.Line("float v = yn[j];");
                    w.Line("zn[j] = v;");
                    w.Line($"yn[j] = {ForwardOfZ(d, "v")};");
                }
            }
        }

        /// <summary>
        /// The body of the activation's backward pass (dz = dy · f'(·) in place; and first, the gradient of the tensor
        /// the activation learns), inside <c>ActivationBackward(float* y, float* dy, int count)</c>.
        /// </summary>
        public static void WriteBackwardBody(CodeWriter w, DensePlan d, System.Action<System.Action<VectorIsa>> pathSwitch, int runTimeFlag = -1)
        {
            ActivationPlan a = d.Act;
            if (a.Kind == Activation.Softmax)
            {
                w.Line($"for (int n = 0; n < count; n++) SoftmaxBackwardInPlace(dy + n * {d.PaddedUnits}, y + n * {d.PaddedUnits}, {d.Units});");
                return;
            }
            if (HasZeroDerivative(a.Kind))
            {
                w.Line($"// {Describe(a.Kind)}: the derivative is 0 wherever it exists, so no gradient flows back through this layer.");
                pathSwitch(isa => w.Line($"for (int e = 0; e < count * {d.PaddedUnits}; e += {isa.Lanes}) Store({isa.Zero}, dy + e);"));
                return;
            }
            if (Derivative(a, "_", "_") is not null)
            {
                pathSwitch(isa =>
                    w.Line($"for (int e = 0; e < count * {d.PaddedUnits}; e += {isa.Lanes}) Store({Derivative(a, isa.Load("dy + e"), isa.Load("y + e"))}, dy + e);"));
                return;
            }
            if (!a.HasPreActivation)
            {
                using (w.Block("for (int n = 0; n < count; n++)"))
                {
                    w.Line($"float* dn = dy + n * {d.PaddedUnits}, yn = y + n * {d.PaddedUnits};");
                    w.Line($"for (int j = 0; j < {d.Units}; j++) dn[j] = {ScalarDerivative(a, "dn[j]", "yn[j]")};");
                }
                return;
            }
            w.Line($"float* z = {PreActivation(d)}; // the forward pass's pre-activation rows");
            WriteParameterPointer(w, d);
            // A frozen layer's learned parameter gets no gradient (as its kernel): clipping must not count it.
            // Frozen at run time (Freeze): the same, tested once per step; Freeze cleared the gradient, which stays 0.
            bool learn = a.HasParameter && !d.Frozen;
            string guard = learn && runTimeFlag >= 0 ? "if (learn) " : "";
            if (learn)
            {
                w.Line($"float* g = Gradients + {a.ParameterOffset}; // d loss / d {d.Name}.{(a.Kind == Activation.PRelu ? "alpha" : "beta")}");
                if (guard.Length > 0) w.Line($"bool learn = !FrozenAtRunTime[{runTimeFlag}];");
                if (a.Kind == Activation.PRelu)
                {
                    w.Line($"// PReLU: d alpha_j = Σ_n dy[n, j] · min(z[n, j], 0), before dy is overwritten by dz.");
                    w.Line($"{guard}for (int j = 0; j < {d.Units}; j++) g[j] = 0f;");
                }
                else
                {
                    w.Line("// Swish: d beta = Σ dy · z² σ(βz)(1 - σ(βz)), before dy is overwritten by dz.");
                    w.Line("double betaGradient = 0;");
                }
            }
            using (w.Block("for (int n = 0; n < count; n++)"))
            {
                w.Line($"float* dn = dy + n * {d.PaddedUnits}, zn = z + n * {d.PaddedUnits};");
                using (w.Block($"for (int j = 0; j < {d.Units}; j++)"))
                {
                    if (learn && a.Kind == Activation.PRelu) w.Line($"{guard}g[j] += dn[j] * NegativePart(zn[j]);");
                    if (learn && a.Kind == Activation.Swish) w.Line($"{guard}betaGradient += SwishBetaGradient(dn[j], zn[j], beta);");
                    w.Line($"dn[j] = {DerivativeOfZ(d, "dn[j]", "zn[j]")};");
                }
            }
            if (learn && a.Kind == Activation.Swish) w.Line($"{guard}g[0] = (float)betaGradient;");
        }

        /// <summary>f(z) for the activations that keep z.</summary>
        internal static string ForwardOfZ(DensePlan d, string v)
        {
            ActivationPlan a = d.Act;
            return a.Kind switch
            {
                Activation.ArcTan => $"ArcTan({v})",
                Activation.PRelu => $"LeakyRelu({v}, alpha[j])",
                Activation.RRelu => $"LeakyRelu({v}, training ? RReluSlope({d.OutputBuffer}u, (uint)(n * {d.Units} + j), {Literal(a.RReluLower)}, {Literal(a.RReluUpper)}) : {Literal(a.RReluMean)})",
                Activation.Gelu => $"Gelu({v})",
                Activation.GeluTanh => $"GeluTanh({v})",
                Activation.GeluSigmoid => $"GeluSigmoid({v})",
                Activation.Swish => $"Swish({v}, beta)",
                Activation.Mish => $"Mish({v})",
                _ => throw new System.ArgumentOutOfRangeException(nameof(d), a.Kind, "not an activation that keeps z"),
            };
        }

        /// <summary>dL/dz from dL/dy and z for the activations that keep z.</summary>
        private static string DerivativeOfZ(DensePlan d, string dy, string z)
        {
            ActivationPlan a = d.Act;
            return a.Kind switch
            {
                Activation.ArcTan => $"ArcTanBackward({dy}, {z})",
                Activation.PRelu => $"SlopeBackward({dy}, {z}, alpha[j])",
                // Backward runs only in training, after the training forward pass: the same key gives the same slopes.
                Activation.RRelu => $"SlopeBackward({dy}, {z}, RReluSlope({d.OutputBuffer}u, (uint)(n * {d.Units} + j), {Literal(a.RReluLower)}, {Literal(a.RReluUpper)}))",
                Activation.Gelu => $"GeluBackward({dy}, {z})",
                Activation.GeluTanh => $"GeluTanhBackward({dy}, {z})",
                Activation.GeluSigmoid => $"GeluSigmoidBackward({dy}, {z})",
                Activation.Swish => $"SwishBackward({dy}, {z}, beta)",
                Activation.Mish => $"MishBackward({dy}, {z})",
                _ => throw new System.ArgumentOutOfRangeException(nameof(d), a.Kind, "not an activation that keeps z"),
            };
        }

        private static void WriteParameterPointer(CodeWriter w, DensePlan d)
        {
            ActivationPlan a = d.Act;
            if (a.Kind == Activation.PRelu) w.Line($"float* alpha = Parameters + {a.ParameterOffset}; // {d.Name}.alpha [{d.Units}]");
            else if (a.Kind == Activation.Swish) w.Line(a.HasParameter
                ? $"float beta = Parameters[{a.ParameterOffset}]; // {d.Name}.beta, learned"
                : $"const float beta = {Literal(a.Beta)};");
        }

        /// <summary>The z rows of <paramref name="d"/>: per-sample offset times the batch capacity.</summary>
        public static string PreActivation(DensePlan d) => $"Activations + BatchCapacity * {d.Act.PreActivationBuffer}";

        private static string Literal(float value) => OptimizerCSharp.Literal(value);
    }
}
