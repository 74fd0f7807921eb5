// Written by ModelGen.Onnx from leaky_elu_batchnorm.onnx (pytorch 1.13.0, ONNX opset 13); regenerate it rather than edit it.
// The weights are LeakyEluBatchnorm.safetensors (Keras names and layouts): model.Load(path).
using ModelGen;

namespace ModelGen.Tests.Models.Imported
{
    /// <summary>Imported from ONNX: [6] → 10 LeakyRelu → 8 Elu → 2 linear.</summary>
    /// <remarks>The loss and optimizer are ModelGen's defaults: an ONNX file holds the inference graph only.</remarks>
    [Model]
    [Input(6)]
    [Dense(10, Activation.LeakyRelu, NegativeSlope = 0.1f, Name = "dense")] // Gemm '/0/Gemm', BatchNormalization '/1/BatchNormalization', LeakyRelu '/2/LeakyRelu'
    [Dense(8, Activation.Elu, Alpha = 0.7f, Name = "dense_1")] // Gemm '/4/Gemm', BatchNormalization '/5/BatchNormalization', Elu '/6/Elu'
    [Dense(2, Name = "dense_2")] // Gemm '/7/Gemm'
    public partial class LeakyEluBatchnorm;
}
