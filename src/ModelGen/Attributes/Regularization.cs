namespace ModelGen
{
    /// <summary>
    /// A weight regularizer (Keras' <c>keras.regularizers</c>): a penalty on a tensor added to the training loss, whose
    /// gradient enters the tensor's gradient. Kernel and bias penalties are sums, not divided by the batch size.
    /// </summary>
    public enum Regularizer
    {
        /// <summary>No penalty (Keras' <c>None</c>).</summary>
        None,
        /// <summary>Keras' <c>L1(l1=0.01)</c>: l1·Σ|w|.</summary>
        L1,
        /// <summary>Keras' <c>L2(l2=0.01)</c>: l2·Σw² (no 1/2; gradient 2·l2·w).</summary>
        L2,
        /// <summary>Keras 3's <c>L1L2(l1=0.0, l2=0.0)</c>: l1·Σ|w| + l2·Σw²; both factors default to 0, so give them.</summary>
        L1L2,
    }

    /// <summary>A constraint on a Dense kernel, applied after every optimizer step (Keras' <c>keras.constraints</c>).</summary>
    public enum Constraint
    {
        /// <summary>No constraint.</summary>
        None,
        /// <summary>Keras' <c>MaxNorm(max_value=2, axis=0)</c>: each unit's incoming weight vector rescaled to norm at most MaxValue.</summary>
        MaxNorm,
        /// <summary>Keras' <c>NonNeg()</c>: w = max(w, 0).</summary>
        NonNeg,
        /// <summary>Keras' <c>UnitNorm(axis=0)</c>: each unit's incoming weight vector scaled to norm 1.</summary>
        UnitNorm,
    }
}
