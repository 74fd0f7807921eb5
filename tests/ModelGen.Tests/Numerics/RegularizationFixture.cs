using System;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// Fixtures/regularization.json (written by Fixtures/make_regularization.py): one network's start, 10 batches, and
    /// for each run the loss (penalty included) before and every parameter after each step, in Keras 3's semantics.
    /// </summary>
    public sealed class RegularizationFixture : SteppedRunFixture
    {
        private static readonly Lazy<RegularizationFixture> s_instance = new(() => new RegularizationFixture());

        private RegularizationFixture() : base("regularization.json") { }

        /// <summary>The fixture, parsed once.</summary>
        public static RegularizationFixture Instance => s_instance.Value;
    }
}
