using System;

namespace ModelGen
{
    /// <summary>Reshapes the sample to one dimension. Free at run time: the data is already contiguous.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class FlattenAttribute : Attribute
    {
        /// <summary>The layer name. Default "flatten", "flatten_1", ... as Keras names them.</summary>
        public string? Name { get; set; }
    }
}
