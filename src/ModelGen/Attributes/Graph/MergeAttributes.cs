using System;

namespace ModelGen
{
    /// <summary>
    /// The common part of the merge layers of a functional model: the names of the merged nodes, in order
    /// (<c>nameof</c> of their properties), at least two.
    /// </summary>
    public abstract class MergeAttribute : Attribute
    {
        /// <summary>Declares a merge of <paramref name="inputs"/>.</summary>
        protected MergeAttribute(string[] inputs) => Inputs = inputs;

        /// <summary>The merged nodes' names, in order.</summary>
        public string[] Inputs { get; }

        /// <summary>The node name used in the generated code and History. Default: the property's name.</summary>
        public string? Name { get; set; }
    }

    /// <summary>Keras' <c>Concatenate()</c> along the feature axis: y = [x₁, x₂, ...]; every input must be one-dimensional.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
    public sealed class ConcatenateAttribute : MergeAttribute
    {
        /// <summary>Concatenates <paramref name="inputs"/> in order.</summary>
        public ConcatenateAttribute(params string[] inputs) : base(inputs) { }
    }

    /// <summary>Keras' <c>Add()</c>: y = x₁ + x₂ + ...; every input must have the same shape.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
    public sealed class AddAttribute : MergeAttribute
    {
        /// <summary>Adds <paramref name="inputs"/>.</summary>
        public AddAttribute(params string[] inputs) : base(inputs) { }
    }

    /// <summary>Keras' <c>Multiply()</c>: y = x₁ ⊙ x₂ ⊙ ...; every input must have the same shape.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
    public sealed class MultiplyAttribute : MergeAttribute
    {
        /// <summary>Multiplies <paramref name="inputs"/> element-wise.</summary>
        public MultiplyAttribute(params string[] inputs) : base(inputs) { }
    }

    /// <summary>Keras' <c>Average()</c>: y = (x₁ + ... + xₙ) / n; every input must have the same shape.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
    public sealed class AverageAttribute : MergeAttribute
    {
        /// <summary>Averages <paramref name="inputs"/>.</summary>
        public AverageAttribute(params string[] inputs) : base(inputs) { }
    }
}
