// Written by ModelGen.Onnx from tanh_sigmoid.onnx (pytorch 1.13.0, ONNX opset 13); regenerate it rather than edit it.
// The weights are TanhSigmoid.safetensors (Keras names and layouts): model.Load(path).
using ModelGen;

namespace ModelGen.Tests.Models.Imported
{
    /// <summary>Imported from ONNX: [5] → 12 Tanh → 3 Sigmoid.</summary>
    /// <remarks>The loss and optimizer are ModelGen's defaults: an ONNX file holds the inference graph only.</remarks>
    [Model]
    [Input(5)]
    [Dense(12, Activation.Tanh, Name = "dense")] // Gemm '/0/Gemm', Tanh '/1/Tanh'
    [Dense(3, Activation.Sigmoid, Name = "dense_1")] // Gemm '/2/Gemm', Sigmoid '/3/Sigmoid'
    public partial class TanhSigmoid;
}
