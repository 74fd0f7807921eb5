using System;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// Fixtures/optimizers.json (written by Fixtures/make_optimizers.py): one network's start, 20 batches, and for each
    /// optimizer run the learning rate, the loss before, and every parameter after each of its 20 steps (Keras 3's
    /// equations in float64, checked against torch.optim where PyTorch computes the same update).
    /// </summary>
    public sealed class OptimizerFixture : SteppedRunFixture
    {
        private static readonly Lazy<OptimizerFixture> s_instance = new(() => new OptimizerFixture());

        private OptimizerFixture() : base("optimizers.json") { }

        /// <summary>The fixture, parsed once.</summary>
        public static OptimizerFixture Instance => s_instance.Value;

        /// <summary>The learning rate of step <paramref name="step"/> (0-based) of <paramref name="run"/>.</summary>
        public float LearningRate(string run, int step) => (float)Step(run, step).GetProperty("learning_rate").GetDouble();
    }
}
