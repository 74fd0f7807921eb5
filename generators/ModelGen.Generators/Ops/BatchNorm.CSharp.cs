using System.Linq;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;
using ModelGen.Generators.Planning;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// BatchNormalization in C#, all in one place. Training: the Dense step writes h, then one pass computes the batch
    /// statistics (and updates the moving ones) and one writes <c>out = act((h - mean) · gamma / sqrt(var + eps) + beta)</c>;
    /// backward takes the activation's derivative in place and the exact gradient through the batch statistics
    /// (CompiledModel.BatchNorm.cs). Inference (<c>!Training</c>): the folded copies of the Dense steps
    /// (<see cref="FoldPlan"/>) run instead, so a normalization folded into a kernel costs no pass at all.
    /// </summary>
    public static class BatchNormCSharp
    {
        /// <summary>Whether any step has a batch normalization.</summary>
        public static bool Any(ModelPlan plan) => plan.DenseSteps.Any(d => d.BatchNorm is not null);

        /// <summary>The forward pass's line after a Dense step with a batch normalization.</summary>
        public static void WriteForwardCall(CodeWriter w, DensePlan d)
        {
            if (d.BatchNorm is not { } bn) return;
            w.Line($"// {Describe(bn)}");
            w.Line($"{bn.MethodStem}Forward({ModelEmitter.Buffer(bn.OutputBuffer)}, {ModelEmitter.Buffer(d.OutputBuffer)}, count);");
        }

        /// <summary>The backward pass's line before a Dense step with a batch normalization: (dh, h, out, dout, count).</summary>
        public static void WriteBackwardCall(CodeWriter w, DensePlan d)
        {
            if (d.BatchNorm is not { } bn) return;
            w.Line($"{bn.MethodStem}Backward({ModelEmitter.Buffer(d.DeltaBuffer)}, {ModelEmitter.Buffer(d.OutputBuffer)}, {ModelEmitter.Buffer(bn.OutputBuffer)}, {ModelEmitter.Buffer(bn.DeltaBuffer)}, count);");
        }

        /// <summary>
        /// The inference branch at the top of <c>Forward</c>: the folded Dense steps, refreshed first when the parameters
        /// changed since they were folded. Normalizations that fold nowhere run as their own fused pass.
        /// </summary>
        public static void WriteFoldedInference(CodeWriter w, ModelPlan plan)
        {
            if (!Folds(plan)) return;
            using (w.Block("if (!Training && FoldBatchNormalization)"))
            {
                w.Line("// Inference with the batch normalizations folded into the Dense kernels (docs/reference/batch-normalization.md).");
                w.Line("if (_foldedVersion != ParameterVersion) FoldBatchNormalizations();");
                DensePlan? previous = null;
                foreach (DensePlan d in plan.DenseSteps)
                {
                    string source = d.Fold is { FoldsInput: true } ? ModelEmitter.Buffer(previous!.OutputBuffer) : ModelEmitter.Buffer(d.InputBuffer);
                    if (d.Fold is { } fold)
                    {
                        string target = fold.FoldsOutput ? ModelEmitter.Buffer(d.BatchNorm!.OutputBuffer) : ModelEmitter.Buffer(d.OutputBuffer);
                        w.Line($"// {d.Name}, folded: {FoldDescription(d, previous)}");
                        w.Line($"{d.MethodStem}FoldedForward({target}, {source}, count);");
                    }
                    else
                    {
                        w.Line($"{d.MethodStem}Forward({ModelEmitter.Buffer(d.OutputBuffer)}, {source}, count);");
                    }
                    if (d.BatchNorm is { } bn && !BatchNormPlanner.FoldsIntoOwnStep(d) && !BatchNormPlanner.FoldsIntoNextStep(d))
                    {
                        w.Line($"{bn.MethodStem}Forward({ModelEmitter.Buffer(bn.OutputBuffer)}, {ModelEmitter.Buffer(d.OutputBuffer)}, count); // {bn.Name}: {Describe(bn.Activation)} after it, so it folds nowhere: one fused pass with the moving statistics");
                    }
                    previous = d;
                }
                w.Line("return;");
            }
        }

        /// <summary>Each normalization's forward and backward methods, the folded Dense steps and the fold refresh.</summary>
        public static void WriteMembers(CodeWriter w, ModelPlan plan)
        {
            if (!Any(plan)) return;
            DensePlan? previous = null;
            foreach (DensePlan d in plan.DenseSteps)
            {
                if (d.BatchNorm is { } bn)
                {
                    w.Line();
                    w.Line($"// ---- {Describe(bn)} ----");
                    w.Line();
                    WriteForward(w, d, bn);
                    w.Line();
                    WriteBackward(w, d, bn);
                }
                if (d.Fold is not null)
                {
                    w.Line();
                    w.Line($"// ---- {d.Name}, folded for inference: {FoldDescription(d, previous)} ----");
                    w.Line();
                    DenseCSharp.WriteForwardOnly(w, Folded(d), plan.ClassName);
                }
                previous = d;
            }
            if (Folds(plan)) WriteFoldRefresh(w, plan);
        }

        /// <summary>
        /// Whether inference runs the folded Dense steps. Folds are planned along a sequential model's chain; a
        /// functional model's normalizations run at inference as their own pass with the moving statistics.
        /// </summary>
        private static bool Folds(ModelPlan plan) => Any(plan) && plan.Graph is not { IsFunctional: true };

        /// <summary>The inference copy of a Dense step: the folded kernel and bias, and the normalization's activation if its own is folded.</summary>
        public static DensePlan Folded(DensePlan d)
        {
            FoldPlan fold = d.Fold!;
            DensePlan folded = d with
            {
                MethodStem = d.MethodStem + "Folded",
                KernelOffset = fold.KernelOffset,
                BiasOffset = fold.BiasOffset,
                UseBias = true,
                DropoutRate = 0f,
                BatchNorm = null,
                Fold = null,
            };
            if (fold.FoldsOutput)
            {
                Activation act = d.BatchNorm!.Activation;
                folded = folded with { Activation = act, ActivationDetail = ActivationPlan.Plain(act) };
            }
            return folded;
        }

        private static void WriteForward(CodeWriter w, DensePlan d, BatchNormPlan bn)
        {
            int p = bn.PaddedUnits;
            w.Line($"/// <summary>{bn.Name} forward: y[count, {p}] = {Describe(bn.Activation)}((h - mean) · gamma / sqrt(var + {Literal(bn.Epsilon)}) + beta) over {d.Name}'s h; {(bn.Trainable ? "the batch's statistics while training (the moving ones updated), the moving ones at inference" : "Trainable = false: the moving statistics always (Keras 3)")}.</summary>");
            using (w.Block($"internal void {bn.MethodStem}Forward(float* y, float* h, int count)"))
            {
                w.Line($"float* stats = Parameters + {bn.StatsOffset}; // [5, {p}]: center, scale, 1/sqrt(var + eps), and the backward pass's sums");
                string gamma = bn.GammaOffset >= 0 ? $"Parameters + {bn.GammaOffset}" : "null";
                string moving = $"Parameters + {bn.MeanOffset}, Parameters + {bn.VarianceOffset}";
                if (bn.Trainable)
                {
                    using (w.Block("if (Training)"))
                    {
                        w.Line($"// Batch mean and biased variance; moving = moving · {Literal(bn.Momentum)} + batch · (1 - {Literal(bn.Momentum)}).");
                        w.Line($"BatchNormBatchStatistics(stats, {moving}, {gamma}, h, count, {bn.Units}, {p}, {Literal(bn.Momentum)}, {Literal(bn.Epsilon)});");
                        w.Line("MarkParametersChanged(); // the moving statistics moved: the folded kernels are stale");
                    }
                    w.Line($"else BatchNormMovingStatistics(stats, {moving}, {gamma}, {bn.Units}, {p}, {Literal(bn.Epsilon)});");
                }
                else
                {
                    w.Line($"BatchNormMovingStatistics(stats, {moving}, {gamma}, {bn.Units}, {p}, {Literal(bn.Epsilon)});");
                }
                w.Line($"float* center = stats, scale = stats + {p};");
                if (bn.BetaOffset >= 0) w.Line($"float* beta = Parameters + {bn.BetaOffset};");
                using (w.Block("for (int n = 0; n < count; n++)"))
                {
                    w.Line($"float* yn = y + n * {p}, hn = h + n * {p};");
                    string value = $"(hn[j] - center[j]) * scale[j]{(bn.BetaOffset >= 0 ? " + beta[j]" : "")}";
                    w.Line($"for (int j = 0; j < {bn.Units}; j++) yn[j] = {(bn.Activation == Activation.Identity ? value : ActivationCSharp.Scalar(bn.Activation, value))};");
                }
            }
        }

        private static void WriteBackward(CodeWriter w, DensePlan d, BatchNormPlan bn)
        {
            int p = bn.PaddedUnits;
            w.Line($"/// <summary>{bn.Name} backward: dout (dL/dout) gives dh = dL/dh{(bn.Trainable ? " through the batch statistics, and the gamma and beta gradients" : " (the moving statistics are constants)")}.</summary>");
            using (w.Block($"internal void {bn.MethodStem}Backward(float* dh, float* h, float* y, float* dy, int count)"))
            {
                w.Line($"float* stats = Parameters + {bn.StatsOffset};");
                if (bn.Activation != Activation.Identity)
                {
                    w.Line($"// {Describe(bn.Activation)}'s derivative from its output, in place.");
                    using (w.Block("for (int n = 0; n < count; n++)"))
                    {
                        w.Line($"float* yn = y + n * {p}, dn = dy + n * {p};");
                        w.Line($"for (int j = 0; j < {bn.Units}; j++) dn[j] = {Derivative(bn.Activation, "dn[j]", "yn[j]")};");
                    }
                }
                if (bn.Trainable)
                {
                    string dgamma = bn.GammaOffset >= 0 ? $"Gradients + {bn.GammaOffset}" : "null";
                    string dbeta = bn.BetaOffset >= 0 ? $"Gradients + {bn.BetaOffset}" : "null";
                    w.Line("// dh = scale / N · (N · dz - Σ dz - x̂ · Σ dz · x̂), x̂ = (h - mean) / sqrt(var + eps); dgamma = Σ dz · x̂, dbeta = Σ dz.");
                    w.Line($"BatchNormBackward(dh, {dgamma}, {dbeta}, h, dy, stats, count, {bn.Units}, {p});");
                }
                else
                {
                    w.Line($"float* scale = stats + {p};");
                    using (w.Block("for (int n = 0; n < count; n++)"))
                    {
                        w.Line($"float* hn = dh + n * {p}, dn = dy + n * {p};");
                        w.Line($"for (int j = 0; j < {bn.Units}; j++) hn[j] = dn[j] * scale[j];");
                    }
                }
            }
        }

        private static void WriteFoldRefresh(CodeWriter w, ModelPlan plan)
        {
            w.Line();
            w.Line("/// <summary>The <see cref=\"global::ModelGen.CompiledModel.ParameterVersion\"/> the folded kernels were computed at (-1: never).</summary>");
            w.Line("private long _foldedVersion = -1;");
            w.Line();
            w.Line("/// <summary>Recomputes every folded kernel and bias from the parameters and moving statistics.</summary>");
            using (w.Block("private void FoldBatchNormalizations()"))
            {
                DensePlan? previous = null;
                foreach (DensePlan d in plan.DenseSteps)
                {
                    if (d.Fold is { } fold)
                    {
                        w.Line($"// {d.Name}: {FoldDescription(d, previous)}");
                        string bias = d.UseBias ? $"Parameters + {d.BiasOffset}" : "null";
                        w.Line($"FoldBatchNorm(Parameters + {fold.KernelOffset}, Parameters + {fold.BiasOffset}, Parameters + {d.KernelOffset}, {bias}, {d.Inputs}, {d.Units}, {d.PaddedUnits},");
                        w.Line($"    {Statistics(fold.FoldsInput ? previous!.BatchNorm : null)},");
                        w.Line($"    {Statistics(fold.FoldsOutput ? d.BatchNorm : null)});");
                    }
                    previous = d;
                }
                w.Line("_foldedVersion = ParameterVersion; // only once every fold is done");
            }
        }

        private static string Statistics(BatchNormPlan? bn) => bn is null
            ? "null, null, null, null, 0f"
            : $"{(bn.GammaOffset >= 0 ? $"Parameters + {bn.GammaOffset}" : "null")}, {(bn.BetaOffset >= 0 ? $"Parameters + {bn.BetaOffset}" : "null")}, Parameters + {bn.MeanOffset}, Parameters + {bn.VarianceOffset}, {Literal(bn.Epsilon)}";

        private static string FoldDescription(DensePlan d, DensePlan? previous)
        {
            FoldPlan fold = d.Fold!;
            string input = fold.FoldsInput ? $"{previous!.BatchNorm!.Name} folded into the kernel's rows (reads {previous.Name}'s h)" : "";
            string output = fold.FoldsOutput ? $"{d.BatchNorm!.Name} folded into the kernel's columns, then {Describe(d.BatchNorm.Activation)}" : "";
            return input.Length > 0 && output.Length > 0 ? input + "; " + output : input + output;
        }

        /// <summary>dL/dz from dL/dy and y for the activations a batch normalization supports.</summary>
        private static string Derivative(Activation activation, string d, string y) => activation switch
        {
            Activation.Elu => $"EluBackward({d}, {y}, 1f)",
            Activation.Selu => $"SeluBackward({d}, {y})",
            _ => ActivationCSharp.Derivative(activation, d, y)!,
        };

        private static string Describe(BatchNormPlan bn) =>
            $"{bn.Name}: BatchNormalization [{bn.Units}], momentum {Literal(bn.Momentum)}, epsilon {Literal(bn.Epsilon)}, then {Describe(bn.Activation)}{(bn.Trainable ? "" : " (Trainable = false: inference mode)")}";

        private static string Describe(Activation activation) => ActivationCSharp.Describe(activation);

        private static string Literal(float value) => OptimizerCSharp.Literal(value);
    }
}
