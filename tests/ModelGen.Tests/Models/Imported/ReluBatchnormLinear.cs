// Written by ModelGen.Onnx from relu_batchnorm_linear.onnx (pytorch 1.13.0, ONNX opset 13); regenerate it rather than edit it.
// The weights are ReluBatchnormLinear.safetensors (Keras names and layouts): model.Load(path).
using ModelGen;

namespace ModelGen.Tests.Models.Imported
{
    /// <summary>Imported from ONNX: [4] → 6 Relu → 3 linear.</summary>
    /// <remarks>The loss and optimizer are ModelGen's defaults: an ONNX file holds the inference graph only.</remarks>
    [Model]
    [Input(4)]
    [Dense(6, Activation.Relu, Name = "dense")] // Gemm '/0/Gemm', Relu '/1/Relu'
    [Dense(3, Name = "dense_1")] // BatchNormalization '/2/BatchNormalization', Gemm '/3/Gemm'
    public partial class ReluBatchnormLinear;
}
