using ModelGen;

namespace ModelGen.Tests.Models
{
    // Networks for Runtime/ImportMappingTests (weights from PyTorch state dicts and Keras-named files).

    /// <summary>
    /// PyTorch's nn.Sequential(Linear(4, 8), Tanh, ..., Linear(8, 3)) of Fixtures/make_import.py: six Dense layers, so
    /// the state dict's names run 0.weight ... 10.weight. Layer names are Keras' defaults (dense ... dense_5).
    /// </summary>
    [Model]
    [Input(4)]
    [Dense(8, Activation.Tanh)]
    [Dense(8, Activation.Tanh)]
    [Dense(8, Activation.Tanh)]
    [Dense(8, Activation.Tanh)]
    [Dense(8, Activation.Tanh)]
    [Dense(3)]
    public partial class ImportDeepNet;

    /// <summary>ImportDeepNet less its last layer: by-layer-order loading must refuse it.</summary>
    [Model]
    [Input(4)]
    [Dense(8, Activation.Tanh)]
    [Dense(8, Activation.Tanh)]
    [Dense(8, Activation.Tanh)]
    [Dense(8, Activation.Tanh)]
    [Dense(3)]
    public partial class ImportShallowNet;
}
