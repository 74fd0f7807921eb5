using System;

namespace ModelGen
{
    /// <summary>
    /// Keras' <c>layers.Normalization</c> (the book's StandardScaler inside the model): each feature becomes
    /// <c>(x - mean) / max(sqrt(variance), 1e-7)</c>. Mean and variance are non-trainable tensors
    /// (<c>{layer}.mean</c>, <c>{layer}.variance</c>; they start at 0 and 1) that the generated
    /// <c>Adapt{Layer}(rows)</c> method computes from data, as Keras' <c>adapt</c>: the mean and the population
    /// variance of every feature. Sequential models: declare it on the class before the first Dense
    /// (<c>[Input(8)] [Normalization] [Dense(30, Activation.Relu)] ...</c>); functional models: on a Node property,
    /// <c>[Normalization(From = nameof(Deep))] public static Node Norm { get; }</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
    public sealed class NormalizationAttribute : Attribute
    {
        /// <summary>The layer name. Default "normalization", "normalization_1", ... as Keras names them (a node: the property's name).</summary>
        public string? Name { get; set; }

        /// <summary>In a functional model: the node this layer reads (<c>From = nameof(Deep)</c>). Not allowed on a class-level layer.</summary>
        public string? From { get; set; }
    }
}
