// Written by ModelGen.Onnx from matmul_add.onnx (pytorch 1.13.0, ONNX opset 13); regenerate it rather than edit it.
// The weights are MatmulAdd.safetensors (Keras names and layouts): model.Load(path).
using ModelGen;

namespace ModelGen.Tests.Models.Imported
{
    /// <summary>Imported from ONNX: [5] → 9 Tanh → 4 linear.</summary>
    /// <remarks>The loss and optimizer are ModelGen's defaults: an ONNX file holds the inference graph only.</remarks>
    [Model]
    [Input(5)]
    [Dense(9, Activation.Tanh, Name = "dense")] // MatMul '/MatMul', Add '/Add', Tanh '/Tanh'
    [Dense(4, UseBias = false, Name = "dense_1")] // MatMul '/MatMul_1'
    public partial class MatmulAdd;
}
