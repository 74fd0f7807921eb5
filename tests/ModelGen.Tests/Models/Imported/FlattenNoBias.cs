// Written by ModelGen.Onnx from flatten_no_bias.onnx (pytorch 1.13.0, ONNX opset 13); regenerate it rather than edit it.
// The weights are FlattenNoBias.safetensors (Keras names and layouts): model.Load(path).
using ModelGen;

namespace ModelGen.Tests.Models.Imported
{
    /// <summary>Imported from ONNX: [1, 8, 8] → flatten → 10 Relu → 3 linear.</summary>
    /// <remarks>The loss and optimizer are ModelGen's defaults: an ONNX file holds the inference graph only.</remarks>
    [Model]
    [Input(1, 8, 8)]
    [Flatten]
    [Dense(10, Activation.Relu, UseBias = false, Name = "dense")] // MatMul '/1/MatMul', Relu '/2/Relu'
    [Dense(3, Name = "dense_1")] // Gemm '/3/Gemm'
    public partial class FlattenNoBias;
}
