using System;

namespace ModelGen
{
    public abstract unsafe partial class CompiledModel
    {
        // ---- Sparse outputs of functional models ----
        //
        // A functional model's targets are packed float rows. An output trained with sparse categorical cross-entropy
        // (Keras' compile(loss={"cls": "sparse_categorical_crossentropy"})) takes one integer class index per sample,
        // stored as one float column of those rows: exact for any class count below 2^24. The generated PackTargets
        // and typed Fit take int[] for such an output and store it with PackLabels, which checks every index; the
        // generated loss reads the column back with SparseLabel, which checks it again (packed rows may come from
        // anywhere) without allocating unless it throws.

        /// <summary>
        /// Stores <paramref name="labels"/> (one class index per sample) as floats in column <paramref name="column"/>
        /// of the packed target rows of <paramref name="rowWidth"/> floats. Throws, naming the output, the sample and
        /// the class count, when an index is not a class of the output.
        /// </summary>
        /// <param name="packed">The packed target rows, [count, rowWidth].</param>
        /// <param name="rowWidth">Floats per packed target row.</param>
        /// <param name="column">The output's target column.</param>
        /// <param name="labels">The class indices, one per sample.</param>
        /// <param name="classes">The output's units (the number of classes).</param>
        /// <param name="output">The output's name, for the exception.</param>
        protected static void PackLabels(float[] packed, int rowWidth, int column, int[] labels, int classes, string output)
        {
            ArgumentNullException.ThrowIfNull(packed);
            ArgumentNullException.ThrowIfNull(labels);
            int count = packed.Length / rowWidth;
            if (labels.Length != count)
            {
                throw new ArgumentException($"{output} must hold one class index per sample: {count} samples, but {labels.Length} labels were given.", output);
            }
            for (int n = 0; n < count; n++)
            {
                int label = labels[n];
                if ((uint)label >= (uint)classes)
                {
                    throw new ArgumentOutOfRangeException(output, label,
                        $"Output '{output}': label {label} of sample {n} is not one of its {classes} classes (expected 0 to {classes - 1}).");
                }
                packed[(long)n * rowWidth + column] = label;
            }
        }

        /// <summary>
        /// Copies one batch of class labels where the generated loss reads them: <see cref="Labels"/>, or for a
        /// functional model whose only output is sparse (<see cref="ModelLayout.LabelsAsTargets"/>) its target column.
        /// </summary>
        private void StageLabels(ReadOnlySpan<int> labels, int count)
        {
            if (!_layout.LabelsAsTargets)
            {
                labels.CopyTo(new Span<int>(Labels, count));
                return;
            }
            for (int n = 0; n < count; n++) Targets[n] = labels[n];
        }

        /// <summary>
        /// The class index a sparse output's target column holds. Throws when it is not a whole number in
        /// [0, <paramref name="classes"/>) (packed rows passed to the float Fit are checked here, not when packed).
        /// </summary>
        /// <param name="target">The output's target column in one packed target row.</param>
        /// <param name="classes">The output's units.</param>
        /// <param name="output">The output's name, for the exception.</param>
        protected static int SparseLabel(float* target, int classes, string output)
        {
            float value = *target;
            int label = (int)value;
            if (label != value || (uint)label >= (uint)classes) ThrowNotALabel(value, classes, output);
            return label;
        }

        /// <summary>
        /// Checks the class indices of a batch's packed target rows before they go to the OpenCL device, whose loss
        /// kernel reads them unchecked: the generated override calls <see cref="SparseLabel"/> on every sparse output's
        /// column (the C# loss does the same as it reads them). Nothing to check for other models.
        /// </summary>
        /// <param name="targets">The packed target rows, [count, TargetSize].</param>
        /// <param name="count">Rows in the batch.</param>
        protected virtual void CheckTargets(float* targets, int count)
        {
        }

        private static void ThrowNotALabel(float value, int classes, string output) =>
            throw new ArgumentOutOfRangeException(output, value,
                $"Output '{output}' trains on class indices, but a target row holds {value}: expected a whole number from 0 to {classes - 1}. Pack the labels with PackTargets(int[] ...).");

        /// <summary>
        /// -log q_label over one row of probabilities, q = p / Σp clipped to [1e-7, 1 - 1e-7]: categorical
        /// cross-entropy against the one-hot row of <paramref name="label"/>, as Keras computes it on probabilities.
        /// </summary>
        protected static double SparseCrossEntropy(float* p, int label, int length) =>
            -Math.Log(ClipProbability(p[label] / RowSum(p, length)));

        /// <summary>
        /// -log softmax(z)_label over one row of logits, as (m - z_label) + log(1 + Σ_{i≠a} e^(z_i - m)) with m = z_a the
        /// largest logit (see <see cref="CategoricalCrossEntropyFromLogitsSum"/>): no overflow, and a confident right
        /// answer keeps a loss near e^-margin instead of a rounded zero.
        /// </summary>
        protected static double SparseCrossEntropyFromLogits(float* z, int label, int length)
        {
            int a = 0;
            for (int j = 1; j < length; j++) if (z[j] > z[a]) a = j;
            double m = z[a], rest = 0;
            for (int j = 0; j < length; j++) if (j != a) rest += Math.Exp(z[j] - m);
            return m - z[label] + Log1P(rest);
        }
    }
}
