// Written by ModelGen.Onnx from relu_softmax.onnx (pytorch 1.13.0, ONNX opset 13); regenerate it rather than edit it.
// The weights are ReluSoftmax.safetensors (Keras names and layouts): model.Load(path).
using ModelGen;

namespace ModelGen.Tests.Models.Imported
{
    /// <summary>Imported from ONNX: [6] → 16 Relu → 8 Relu → 4 Softmax.</summary>
    /// <remarks>The loss and optimizer are ModelGen's defaults: an ONNX file holds the inference graph only.</remarks>
    [Model]
    [Input(6)]
    [Dense(16, Activation.Relu, Name = "dense")] // Gemm '/0/Gemm', Relu '/1/Relu'
    [Dense(8, Activation.Relu, Name = "dense_1")] // Gemm '/2/Gemm', Relu '/3/Relu'
    [Dense(4, Activation.Softmax, Name = "dense_2")] // Gemm '/4/Gemm', Softmax '/5/Softmax'
    public partial class ReluSoftmax;
}
