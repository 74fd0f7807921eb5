using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>Every generated model has a static <c>Summary()</c> (Keras' <c>model.summary()</c>), the table of its file's header.</summary>
    public class SummaryTests
    {
        [Fact]
        public void SequentialModel_SummaryListsItsLayersAndSplitsTrainableParameters()
        {
            string summary = FrozenMiddle.Summary();
            // [Input(5)] [Dense(6, Tanh)] [Dense(7, Tanh, Trainable = false)] [Dense(3)]: 36 + 49 + 24 parameters.
            Assert.StartsWith("Model: FrozenMiddle\nLayer (type)", summary);
            Assert.Contains("dense_1 (Dense)", summary);
            Assert.Contains("[7]", summary);
            Assert.Contains("Trainable parameters: 60; non-trainable (Trainable = false): 49; total 109 (436 bytes)", summary);
        }

        [Fact]
        public void FunctionalModel_SummaryNamesEachNodesInputs()
        {
            string summary = ResidualMlp.Summary();
            Assert.Contains("Connected to", summary);
            Assert.Contains("Skip1 (Add)", summary);
            Assert.Contains("X, Block1B", summary);
        }
    }
}
