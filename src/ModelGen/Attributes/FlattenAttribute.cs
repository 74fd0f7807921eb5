using System;

namespace ModelGen
{
    /// <summary>
    /// Reshapes the sample to one dimension (row-major, Keras' channels-last order). Free at run time in a sequential
    /// model (the data is already contiguous); in a functional model, a node <c>[Flatten(From = nameof(X))]</c> copies
    /// X's values into a one-dimensional row (and its gradient back).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
    public sealed class FlattenAttribute : Attribute
    {
        /// <summary>The layer name. Default "flatten", "flatten_1", ... as Keras names them.</summary>
        public string? Name { get; set; }

        /// <summary>In a functional model: the node this layer reads (<c>From = nameof(X)</c>). Not allowed on a class-level layer.</summary>
        public string? From { get; set; }
    }
}
