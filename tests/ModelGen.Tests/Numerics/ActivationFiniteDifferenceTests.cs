using System;
using System.Collections.Generic;
using System.Linq;
using ModelGen.Tests.Models;
using Xunit;
using Xunit.Sdk;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// Central finite differences of every parameter gradient (PReLU's alpha and a learned Swish beta included)
    /// through each activation's test network, at the fixture's weights and batch, with the step and tolerances of
    /// <see cref="FiniteDifferenceTests"/> (h = 1e-2 in float32, 2e-3 near kinks, <see cref="Tolerance.FiniteDifference"/>).
    /// </summary>
    /// <remarks>
    /// Kinks. ReLU-like activations (and step, sign, hard sigmoid at ±3, ELU with alpha ≠ 1) have a kink a difference
    /// can straddle, where it measures a one-sided mixture. There the difference is taken twice, with h and h/2: an
    /// entry whose two differences disagree by more than the absolute floor straddles a kink and is skipped; at most
    /// 10% may be. Smooth activations skip nothing. Step and sign have derivative 0: their layers' gradients must be
    /// exactly 0 (see <see cref="ActivationReferenceTests.StepAndSign_PassNoGradientBack"/>), and the differences
    /// agree with that wherever no step is crossed. RReLU with its default range draws new slopes each training pass,
    /// so the difference runs on the deterministic case lower = upper.
    /// </remarks>
    public class ActivationFiniteDifferenceTests
    {
        private const float Step = 1e-2f;

        /// <summary>
        /// The step where a kink is near: a pre-activation within h·|x| of a kink straddles it for every weight that
        /// feeds it, so a smaller step skips fewer entries; float32 rounding (~1e-7 / 2h = 2.5e-5) stays far under the floor.
        /// </summary>
        private const float KinkedStep = 2e-3f;
        private const double MaxSkippedFraction = 0.10;

        private static readonly HashSet<string> s_kinked = new()
        {
            "step", "sign", "hard_sigmoid", "relu", "leaky_relu", "leaky_relu_005", "prelu", "rrelu_fixed", "elu_05", "selu",
        };

        public static TheoryData<string> Cases()
        {
            var data = new TheoryData<string>();
            foreach (string name in ActivationModels.Cases.Where(n => n != "rrelu")) data.Add(name);
            return data;
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void EveryParameterGradient_MatchesCentralDifference(string name)
        {
            var fixture = ActivationFixture.Load(name);
            using CompiledModel model = fixture.CreateModel(name);
            float[] x = fixture.Inputs, t = fixture.Targets;
            model.ComputeGradients(x, t);
            var analytic = model.Layout.Tensors.ToDictionary(s => s.Name, s => model.ReadGradient(s.Name));

            double Loss() => model.ComputeGradients(x, t);
            int total = 0, skipped = 0, checkedEntries = 0;
            var failures = new List<string>();
            bool kinked = s_kinked.Contains(name);
            foreach (TensorSpec spec in model.Layout.Tensors)
            {
                float[] values = model.ReadParameter(spec.Name);
                for (int i = 0; i < values.Length; i++)
                {
                    double Difference(float h)
                    {
                        float original = values[i];
                        values[i] = original + h;
                        model.WriteParameter(spec.Name, values);
                        double up = Loss();
                        values[i] = original - h;
                        model.WriteParameter(spec.Name, values);
                        double down = Loss();
                        values[i] = original;
                        model.WriteParameter(spec.Name, values);
                        return (up - down) / ((double)(original + h) - (original - h));
                    }
                    total++;
                    float h = kinked ? KinkedStep : Step;
                    double fd = Difference(h);
                    if (kinked && Math.Abs(fd - Difference(h / 2)) > Tolerance.FiniteDifferenceFloor)
                    {
                        skipped++;
                        continue;
                    }
                    double g = analytic[spec.Name][i];
                    if (Math.Abs(g) > 2.5e-3) checkedEntries++;
                    if (Math.Abs(g - fd) > Tolerance.FiniteDifference * Math.Abs(fd) + Tolerance.FiniteDifferenceFloor)
                    {
                        failures.Add($"{spec.Name}[{i}]: analytic {g:R}, central difference {fd:R}");
                    }
                }
            }
            if (failures.Count > 0)
                throw new XunitException($"{name}: {failures.Count} of {total} entries differ:\n  " + string.Join("\n  ", failures.Take(8)));
            Assert.True(skipped <= MaxSkippedFraction * total, $"{name}: {skipped} of {total} entries straddle a kink");
            Assert.True(checkedEntries > total / 10, $"{name}: only {checkedEntries} of {total} entries are large enough to catch a wrong derivative");
        }
    }
}
