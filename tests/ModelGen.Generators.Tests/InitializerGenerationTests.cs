using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    /// <summary>
    /// Layers (b) and (c) for the initializers: every initializer with its arguments compiles cleanly, the arguments
    /// reach the generated TensorSpec exactly (round-trip literals, only those that differ from Keras' defaults), and a
    /// model that sets none generates what it generated before.
    /// </summary>
    public sealed class InitializerGenerationTests
    {
        [Fact]
        public void EveryInitializerWithArguments_CompilesCleanly_AndPassesItsArgumentsThrough()
        {
            string source = GeneratorHarness.RunValid("""
                using ModelGen;

                [Model]
                [Input(8)]
                [Dense(8, KernelInit = Init.Zeros, BiasInit = Init.Ones)]
                [Dense(8, KernelInit = Init.Constant, KernelValue = -0.5, BiasInit = Init.Constant, BiasValue = 1e-5)]
                [Dense(8, KernelInit = Init.RandomNormal, KernelMean = 0.25, KernelStddev = 0.02f, BiasInit = Init.RandomNormal)]
                [Dense(8, KernelInit = Init.RandomUniform, KernelMinval = -1, KernelMaxval = 2, BiasInit = Init.RandomUniform, BiasMaxval = 0.5)]
                [Dense(8, KernelInit = Init.TruncatedNormal, KernelStddev = 3, BiasInit = Init.TruncatedNormal, BiasMean = -1)]
                [Dense(8, KernelInit = Init.GlorotNormal, BiasInit = Init.GlorotUniform)]
                [Dense(8, KernelInit = Init.HeUniform, BiasInit = Init.HeNormal)]
                [Dense(8, KernelInit = Init.LeCunNormal, BiasInit = Init.LeCunUniform)]
                [Dense(8, KernelInit = Init.VarianceScaling, KernelScale = 2, KernelMode = FanMode.FanAvg, KernelDistribution = InitDistribution.UntruncatedNormal,
                    BiasInit = Init.VarianceScaling, BiasMode = FanMode.FanOut, BiasDistribution = InitDistribution.Uniform)]
                [Dense(8, KernelInit = Init.Orthogonal, KernelGain = 1.4142135623730951)]
                [Dense(4, KernelInit = Init.Identity, KernelGain = 2)]
                [Dense(4, KernelInit = Init.Orthogonal, KernelGain = 1)]
                public partial class Net;
                """).SingleSource();

            Assert.Contains("""new("dense.kernel", new[] { 8, 8 }, 0, Packed: true, global::ModelGen.Init.Zeros, FanIn: 8, FanOut: 8),""", source);
            Assert.Contains("global::ModelGen.Init.Ones, FanIn: 8, FanOut: 8),", source);
            Assert.Contains("global::ModelGen.Init.Constant, FanIn: 8, FanOut: 8, Arguments: new global::ModelGen.InitArguments(Value: -0.5)),", source);
            Assert.Contains("global::ModelGen.Init.Constant, FanIn: 8, FanOut: 8, Arguments: new global::ModelGen.InitArguments(Value: 1E-05)),", source);
            // A float constant reaches the double property widened, and is written back exactly.
            Assert.Contains("Arguments: new global::ModelGen.InitArguments(Mean: 0.25, Stddev: 0.019999999552965164)),", source);
            Assert.Contains("global::ModelGen.Init.RandomNormal, FanIn: 8, FanOut: 8),", source);
            Assert.Contains("Arguments: new global::ModelGen.InitArguments(Minval: -1.0, Maxval: 2.0)),", source);
            Assert.Contains("Arguments: new global::ModelGen.InitArguments(Maxval: 0.5)),", source);
            Assert.Contains("Arguments: new global::ModelGen.InitArguments(Stddev: 3.0)),", source);
            Assert.Contains("Arguments: new global::ModelGen.InitArguments(Mean: -1.0)),", source);
            Assert.Contains("Arguments: new global::ModelGen.InitArguments(Scale: 2.0, Mode: global::ModelGen.FanMode.FanAvg, Distribution: global::ModelGen.InitDistribution.UntruncatedNormal)),", source);
            Assert.Contains("Arguments: new global::ModelGen.InitArguments(Mode: global::ModelGen.FanMode.FanOut, Distribution: global::ModelGen.InitDistribution.Uniform)),", source);
            Assert.Contains("global::ModelGen.Init.Orthogonal, FanIn: 8, FanOut: 8, Arguments: new global::ModelGen.InitArguments(Gain: 1.4142135623730951)),", source);
            Assert.Contains("global::ModelGen.Init.Identity, FanIn: 8, FanOut: 4, Arguments: new global::ModelGen.InitArguments(Gain: 2.0)),", source);
            // An argument written at its default value is the default: nothing to pass.
            Assert.Contains("global::ModelGen.Init.Orthogonal, FanIn: 4, FanOut: 4),", source);
            foreach (string init in new[] { "GlorotNormal", "GlorotUniform", "HeUniform", "HeNormal", "LeCunNormal", "LeCunUniform" })
            {
                Assert.Contains($"global::ModelGen.Init.{init}, FanIn: 8, FanOut: 8),", source);
            }
        }

        [Fact]
        public void DefaultInitializers_ResolveAsKeras_AndWriteNoArguments()
        {
            string source = GeneratorHarness.RunValid("""
                using ModelGen;

                [Model]
                [Input(3)]
                [Dense(5, KernelInit = Init.HeNormal)]
                [Dense(2)]
                public partial class Net;
                """).SingleSource();

            Assert.Contains("""new("dense.kernel", new[] { 3, 5 }, 0, Packed: true, global::ModelGen.Init.HeNormal, FanIn: 3, FanOut: 5),""", source);
            Assert.Contains("""new("dense_1.kernel", new[] { 5, 2 }, 64, Packed: true, global::ModelGen.Init.GlorotUniform, FanIn: 5, FanOut: 2),""", source);
            Assert.Contains("global::ModelGen.Init.Zeros, FanIn: 2, FanOut: 2),", source);
            Assert.DoesNotContain("Arguments:", source);
        }
    }
}
