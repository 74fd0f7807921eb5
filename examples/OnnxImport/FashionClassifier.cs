// Written by ModelGen.Onnx from fashion_classifier.onnx (pytorch 1.13.0, ONNX opset 13); regenerate it rather than edit it.
// The weights are FashionClassifier.safetensors (Keras names and layouts), compiled in: pass it to the compiler as an AdditionalFiles item.
using ModelGen;

namespace OnnxImport
{
    /// <summary>Imported from ONNX: [28, 28] → flatten → 128 Relu → 64 Relu → 10 Softmax.</summary>
    /// <remarks>Frozen: inference only, the weights compiled into the assembly (docs/embedding.md).</remarks>
    [FrozenWeights("FashionClassifier.safetensors")]
    [Input(28, 28)]
    [Flatten]
    [Dense(128, Activation.Relu, Name = "dense")] // Gemm '/0/0.1/Gemm', BatchNormalization '/0/0.2/BatchNormalization', Relu '/0/0.3/Relu'
    [Dense(64, Activation.Relu, Name = "dense_1")] // Gemm '/0/0.5/Gemm', Relu '/0/0.6/Relu'
    [Dense(10, Activation.Softmax, Name = "dense_2")] // Gemm '/0/0.7/Gemm', Softmax '/1/Softmax'
    public partial class FashionClassifier;
}
