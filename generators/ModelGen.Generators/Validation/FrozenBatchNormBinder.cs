using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;
using ModelGen.Generators.Ops;
using ModelGen.Generators.Plan;
using ModelGen.Generators.Planning;

namespace ModelGen.Generators.Validation
{
    /// <summary>
    /// The parts of a frozen model's binding that go beyond a Dense layer's kernel and bias: batch normalizations (read
    /// from the file and folded at compile time, exactly as the trainable model folds them for inference) and the
    /// learned activation tensors (PReLU's alpha, a learned Swish beta), which at inference are constants.
    /// </summary>
    internal static class FrozenBatchNormBinder
    {
        /// <summary>A normalization's tensors as read from the file; null gamma or beta: the layer has none (Scale or Center false).</summary>
        internal sealed class Statistics
        {
            public Statistics(float[]? gamma, float[]? beta, float[] mean, float[] variance, float epsilon)
            {
                Gamma = gamma;
                Beta = beta;
                Mean = mean;
                Variance = variance;
                Epsilon = epsilon;
            }

            public float[]? Gamma { get; }
            public float[]? Beta { get; }
            public float[] Mean { get; }
            public float[] Variance { get; }
            public float Epsilon { get; }

            /// <summary>1 / sqrt(var + eps), rounded once to float: CompiledModel.BatchNormMovingStatistics and FoldBatchNorm's expression.</summary>
            public float InverseStd(int j) => (float)(1.0 / System.Math.Sqrt((double)Variance[j] + Epsilon));

            /// <summary>gamma / sqrt(var + eps), as the runtime rounds it (gamma times the rounded inverse).</summary>
            public float Scale(int j) => Gamma is null ? InverseStd(j) : Gamma[j] * InverseStd(j);
        }

        /// <summary>
        /// Reads <c>{bn}.gamma</c>, <c>.beta</c>, <c>.moving_mean</c>, <c>.moving_variance</c> (Keras' names, as Save
        /// writes them) or PyTorch's BatchNorm1d names <c>weight</c>, <c>bias</c>, <c>running_mean</c>, <c>running_var</c>
        /// (as Load accepts them), each [units]. Problems are MG0102/MG0103/MG0104 at the [BatchNormalization] attribute.
        /// </summary>
        public static Statistics? Read(BatchNormPlan bn, Dictionary<string, FileTensor> byName, LocationInfo? at, string fileName, string held, List<DiagnosticInfo> diagnostics)
        {
            int count = diagnostics.Count;
            float[]? gamma = bn.GammaOffset >= 0 ? Vector(bn.Name, "gamma", "weight", bn.Units, byName, at, fileName, held, diagnostics) : null;
            float[]? beta = bn.BetaOffset >= 0 ? Vector(bn.Name, "beta", "bias", bn.Units, byName, at, fileName, held, diagnostics) : null;
            float[]? mean = Vector(bn.Name, "moving_mean", "running_mean", bn.Units, byName, at, fileName, held, diagnostics);
            float[]? variance = Vector(bn.Name, "moving_variance", "running_var", bn.Units, byName, at, fileName, held, diagnostics);
            return diagnostics.Count > count ? null : new Statistics(gamma, beta, mean!, variance!, bn.Epsilon);
        }

        /// <summary>
        /// PReLU's <c>{layer}.alpha</c> [units] or a learned Swish's <c>{layer}.beta</c> [1], as Save writes them; null
        /// for every other activation (and on a problem, reported at the Dense attribute).
        /// </summary>
        public static float[]? ReadActivationParameter(DensePlan d, Dictionary<string, FileTensor> byName, LocationInfo? at, string fileName, string held, List<DiagnosticInfo> diagnostics)
        {
            if (!d.Act.HasParameter) return null;
            bool prelu = d.Activation == Activation.PRelu;
            return Vector(d.Name, prelu ? "alpha" : "beta", null, prelu ? d.Units : 1, byName, at, fileName, held, diagnostics);
        }

        private static float[]? Vector(string layer, string suffix, string? torchSuffix, int length, Dictionary<string, FileTensor> byName, LocationInfo? at, string fileName, string held, List<DiagnosticInfo> diagnostics)
        {
            string name = layer + "." + suffix;
            int[] shape = { length };
            if (!byName.TryGetValue(name, out FileTensor? tensor) && (torchSuffix is null || !byName.TryGetValue(layer + "." + torchSuffix, out tensor)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FrozenTensorMissing, at,
                    fileName, name, FileTensor.FormatShape(shape.ToEquatableArray()), layer, held));
                return null;
            }
            return FrozenWeightsBinder.Check(tensor!, shape, layer, at, fileName, diagnostics) ? tensor!.Values.AsSpan().ToArray() : null;
        }

        /// <summary>
        /// Step <paramref name="i"/> as the frozen model runs it: the step itself, or, when a normalization folds into it,
        /// the trainable model's folded copy (<see cref="BatchNormCSharp.Folded"/>) with the folded weights and the buffers
        /// its inference branch uses (the previous step's h when the previous normalization folds into the rows; the
        /// normalization's output when this step's own folds into the columns). A normalization that folds nowhere
        /// becomes a <see cref="FrozenBatchNorm"/> pass after the step.
        /// </summary>
        public static FrozenDense Layer(DensePlan[] steps, int i, float[] kernel, float[] bias, float[]? parameter, Statistics?[] statistics,
            System.Func<DensePlan, float[], EquatableArray<float>> pack, System.Func<float[], int, EquatableArray<float>> pad)
        {
            DensePlan d = steps[i];
            EquatableArray<float> act = parameter is null ? default : parameter.ToEquatableArray();
            FrozenBatchNorm? pass = d.BatchNorm is { } bn && !BatchNormPlanner.FoldsIntoOwnStep(d) && !BatchNormPlanner.FoldsIntoNextStep(d)
                ? Pass(bn, statistics[i]!)
                : null;
            if (d.Fold is not { } fold)
            {
                return new FrozenDense(d, pack(d, kernel), pad(bias, d.UseBias ? d.PaddedUnits : 0), act, pass);
            }
            Statistics? input = fold.FoldsInput ? statistics[i - 1] : null;
            Statistics? output = fold.FoldsOutput ? statistics[i] : null;
            Fold(kernel, d.UseBias ? bias : null, d.Inputs, d.Units, input, output, out float[] foldedKernel, out float[] foldedBias);
            DensePlan folded = BatchNormCSharp.Folded(d) with
            {
                InputBuffer = fold.FoldsInput ? steps[i - 1].OutputBuffer : d.InputBuffer,
                OutputBuffer = fold.FoldsOutput ? d.BatchNorm!.OutputBuffer : d.OutputBuffer,
            };
            return new FrozenDense(folded, pack(folded, foldedKernel), pad(foldedBias, folded.PaddedUnits), act, pass);
        }

        /// <summary>
        /// CompiledModel.FoldBatchNorm at compile time, on the row-major [inputs, units] kernel, with the same float and
        /// double operations in the same order (so the frozen kernel equals the trainable model's folded one bit for bit):
        /// s = gamma / sqrt(var + eps), t = beta - mean · s; W' = diag(s_in) · W · diag(s_out),
        /// b' = (b + t_in · W - mean_out) · s_out + beta_out.
        /// </summary>
        internal static void Fold(float[] kernel, float[]? bias, int inputs, int units, Statistics? input, Statistics? output, out float[] foldedKernel, out float[] foldedBias)
        {
            foldedKernel = new float[inputs * units];
            foldedBias = new float[units];
            for (int j = 0; j < units; j++)
            {
                double constant = bias is null ? 0.0 : bias[j];
                float outScale = output is null ? 1f : output.Scale(j);
                for (int k = 0; k < inputs; k++)
                {
                    float w = kernel[k * units + j];
                    if (input is not null)
                    {
                        float s = input.Scale(k);
                        float t = (input.Beta is null ? 0f : input.Beta[k]) - input.Mean[k] * s;
                        constant += (double)t * w;
                        w *= s;
                    }
                    foldedKernel[k * units + j] = w * outScale;
                }
                foldedBias[j] = output is null
                    ? (float)constant
                    : (float)((constant - output.Mean[j]) * outScale + (output.Beta is null ? 0.0 : output.Beta[j]));
            }
        }

        /// <summary>The constants of a normalization's own pass: center = moving mean, scale as BatchNormMovingStatistics, beta.</summary>
        private static FrozenBatchNorm Pass(BatchNormPlan bn, Statistics s) => new(bn,
            s.Mean.ToEquatableArray(),
            Enumerable.Range(0, bn.Units).Select(s.Scale).ToArray().ToEquatableArray(),
            s.Beta is null ? default : s.Beta.ToEquatableArray());
    }
}
