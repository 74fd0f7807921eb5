namespace ModelGen
{
    /// <summary>Training loss, averaged over the batch as Keras' "sum_over_batch_size" reduction does.</summary>
    public enum Loss
    {
        /// <summary>Mean over outputs of (y - p)^2; targets are floats, one per output unit.</summary>
        MeanSquaredError = 0,
        /// <summary>-log p[label]; targets are integer class labels. Fused with a softmax output.</summary>
        SparseCategoricalCrossEntropy = 1,
    }
}
