// Written by ModelGen.Onnx from gemm_attributes.onnx (make_onnx.py, ONNX opset 13); regenerate it rather than edit it.
// The weights are GemmAttributes.safetensors (Keras names and layouts): model.Load(path).
using ModelGen;

namespace ModelGen.Tests.Models.Imported
{
    /// <summary>Imported from ONNX: [3] → 4 Relu.</summary>
    /// <remarks>The loss and optimizer are ModelGen's defaults: an ONNX file holds the inference graph only.</remarks>
    [Model]
    [Input(3)]
    [Dense(4, Activation.Relu, Name = "dense")] // Gemm 'scaled_gemm', Relu 'relu'
    public partial class GemmAttributes;
}
