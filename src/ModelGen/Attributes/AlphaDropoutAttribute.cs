using System;

namespace ModelGen
{
    /// <summary>
    /// Alpha dropout after the Dense layer declared just before it (Keras <c>layers.AlphaDropout</c>, for SELU networks):
    /// while training, each element is replaced with probability <c>rate</c> by SELU's saturation value
    /// <c>α' = -λα ≈ -1.7581</c>, and then every element goes through the affine map <c>a·x + b</c> that keeps the mean
    /// and variance of a self-normalized input; at inference the layer is the identity. Masks are seeded and recomputed
    /// by the backward pass, as for <see cref="DropoutAttribute"/> (also a functional-model node, with <see cref="From"/>).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
    public sealed class AlphaDropoutAttribute : Attribute
    {
        /// <summary>Declares an alpha dropout layer.</summary>
        /// <param name="rate">The probability of dropping an element while training; 0 &lt;= rate &lt; 1.</param>
        public AlphaDropoutAttribute(float rate) => Rate = rate;

        /// <summary>The probability of dropping an element while training.</summary>
        public float Rate { get; }

        /// <summary>In a functional model: the Dense node whose output this layer drops out (<c>From = nameof(Hidden)</c>); that node must have no other consumer. Not allowed on a class-level layer.</summary>
        public string? From { get; set; }
    }
}
