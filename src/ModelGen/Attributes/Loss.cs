namespace ModelGen
{
    /// <summary>
    /// Training loss, with Keras 3's formulas, averaged over the batch as Keras' "sum_over_batch_size" reduction does.
    /// Cross-entropies sum over the classes of a sample; the other losses take the mean over the output units.
    /// </summary>
    public enum Loss
    {
        /// <summary>Mean over outputs of (y - p)^2; targets are floats, one per output unit.</summary>
        MeanSquaredError = 0,
        /// <summary>-log p[label]; targets are integer class labels. Fused with a softmax output.</summary>
        SparseCategoricalCrossEntropy = 1,
        /// <summary>Mean over outputs of |y - p|; targets are floats, one per output unit.</summary>
        MeanAbsoluteError = 2,
        /// <summary>
        /// Mean over outputs of 0.5·e² where |e| &lt;= delta, else delta·|e| - 0.5·delta², with e = p - y and delta =
        /// <see cref="ModelAttribute.HuberDelta"/> (Keras default 1.0); targets are floats.
        /// </summary>
        Huber = 3,
        /// <summary>
        /// Mean over outputs of -(y·log p + (1 - y)·log(1 - p)), p clipped to [1e-7, 1 - 1e-7] as Keras; targets are
        /// floats in [0, 1]. Fused with a sigmoid output (dL/dz = p - y); from logits in the stable softplus form.
        /// </summary>
        BinaryCrossEntropy = 4,
        /// <summary>
        /// -Σ y·log p over the classes, targets one-hot (or any distribution) as float rows. Fused with a softmax
        /// output (dL/dz = p - y); from logits in the stable log-sum-exp form.
        /// </summary>
        CategoricalCrossEntropy = 5,
        /// <summary>
        /// The perceptron learning rule, for one Dense layer of threshold units (<see cref="Activation.Step"/> with 0/1
        /// targets, or <see cref="Activation.Sign"/> with -1/1 targets): the gradient with respect to the
        /// pre-activation is taken as (ŷ - y), so SGD with batch size 1 updates w ← w + η (y - ŷ) x and b ← b + η (y - ŷ),
        /// one instance at a time; larger batches average those updates. The reported loss is the fraction of outputs
        /// that differ from their targets (the error rate). There is no Keras equivalent (scikit-learn's Perceptron).
        /// </summary>
        Perceptron = 6,
    }
}
