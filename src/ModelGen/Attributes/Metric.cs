namespace ModelGen
{
    /// <summary>
    /// A metric reported during Fit and Evaluate, as Keras' <c>compile(metrics=[...])</c>: a running mean over the
    /// epoch, in <see cref="History"/> under its Keras name (and "val_" + name for the validation data).
    /// </summary>
    public enum Metric
    {
        /// <summary>
        /// Keras' "accuracy": resolved from the loss and the output as Keras resolves it (one output unit: binary;
        /// integer labels: sparse categorical; otherwise categorical). Reported as "accuracy".
        /// </summary>
        Accuracy = 0,
        /// <summary>Mean over outputs of (p &gt; 0.5) == y. Reported as "binary_accuracy".</summary>
        BinaryAccuracy = 1,
        /// <summary>argmax(p) == argmax(y) for one-hot float targets. Reported as "categorical_accuracy".</summary>
        CategoricalAccuracy = 2,
        /// <summary>argmax(p) == label for integer labels. Reported as "sparse_categorical_accuracy".</summary>
        SparseCategoricalAccuracy = 3,
        /// <summary>Mean over outputs of (y - p)^2. Reported as "mse".</summary>
        MeanSquaredError = 4,
        /// <summary>Mean over outputs of |y - p|. Reported as "mae".</summary>
        MeanAbsoluteError = 5,
        /// <summary>sqrt of the epoch's mean squared error (not the mean of batch values). Reported as "root_mean_squared_error".</summary>
        RootMeanSquaredError = 6,
    }
}
