using System;

namespace ModelGen
{
    /// <summary>The shape of one input sample, without the batch dimension, e.g. <c>[Input(28, 28)]</c>.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
    public sealed class InputAttribute : Attribute
    {
        /// <summary>Declares the input shape.</summary>
        public InputAttribute(params int[] shape) => Shape = shape;

        /// <summary>The sample shape.</summary>
        public int[] Shape { get; }

        /// <summary>The layer name used in the generated code. Default "input".</summary>
        public string? Name { get; set; }
    }
}
