using System;

namespace ModelGen
{
    /// <summary>
    /// Inverted dropout after the Dense layer declared just before it (Keras <c>layers.Dropout</c>): while training,
    /// each output element is zeroed with probability <c>rate</c> and the survivors are scaled by <c>1 / (1 - rate)</c>;
    /// at inference (Predict, Evaluate, validation) the layer is the identity. The mask comes from the model's seeded
    /// counter-based noise, so a seed gives the same masks, and the backward pass recomputes the mask instead of storing it.
    /// Declare it between two Dense layers: <c>[Dense(64, Activation.Relu)] [Dropout(0.5f)] [Dense(10)]</c>; in a functional
    /// model, as a node reading a Dense node: <c>[Dropout(0.5f, From = nameof(Hidden))] public static Node Dropped { get; }</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
    public sealed class DropoutAttribute : Attribute
    {
        /// <summary>Declares a dropout layer.</summary>
        /// <param name="rate">The probability of zeroing an element while training; 0 &lt;= rate &lt; 1.</param>
        public DropoutAttribute(float rate) => Rate = rate;

        /// <summary>The probability of zeroing an element while training.</summary>
        public float Rate { get; }

        /// <summary>In a functional model: the Dense node whose output this layer drops out (<c>From = nameof(Hidden)</c>); that node must have no other consumer. Not allowed on a class-level layer.</summary>
        public string? From { get; set; }
    }
}
