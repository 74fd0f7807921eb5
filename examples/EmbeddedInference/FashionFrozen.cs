using ModelGen;

namespace EmbeddedInference
{
    /// <summary>
    /// The main job's Fashion-MNIST classifier (examples/FashionMnist/FashionMlp.cs: the same layers) with the weights
    /// it trained compiled in. weights/fashion.safetensors was written by
    /// <c>dotnet run --project examples/FashionMnist -c Release -- --save fashion.safetensors</c> (10 epochs, seed 42).
    /// </summary>
    [FrozenWeights("weights/fashion.safetensors")]
    [Input(28, 28)]
    [Flatten]
    [Dense(300, Activation.Relu)]
    [Dense(100, Activation.Relu)]
    [Dense(10, Activation.Softmax)]
    public partial class FashionFrozen;
}
