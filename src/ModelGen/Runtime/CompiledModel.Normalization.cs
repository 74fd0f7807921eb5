using System;

namespace ModelGen
{
    public abstract unsafe partial class CompiledModel
    {
        /// <summary>
        /// Keras' <c>Normalization.adapt</c>, for the generated <c>Adapt{Layer}</c> methods: sets the layer's mean and
        /// variance tensors (at <paramref name="meanOffset"/> and <paramref name="varianceOffset"/> in the parameter arena)
        /// to each feature's mean and population variance (ddof 0, as <c>np.var</c>) over <paramref name="rows"/>,
        /// [n, features] row-major. Two passes in double (the mean, then the squared deviations from it), so a feature
        /// with a large mean and a small spread keeps its variance; the results are rounded to float once.
        /// </summary>
        protected void AdaptStatistics(string layer, int meanOffset, int varianceOffset, int features, ReadOnlySpan<float> rows)
        {
            ThrowIfDisposed();
            if (rows.Length == 0 || rows.Length % features != 0)
            {
                throw new ArgumentException(
                    $"{_layout.ModelName}.{layer}: adapt takes rows of {features} features, [n, {features}] row-major; got {rows.Length} floats.", nameof(rows));
            }
            DownloadState(); // on an OpenCL device the arena there is the current one; a no-op on the CPU
            int n = rows.Length / features;
            var mean = new double[features];
            var squares = new double[features];
            for (int r = 0; r < n; r++)
            {
                ReadOnlySpan<float> row = rows.Slice(r * features, features);
                for (int j = 0; j < features; j++) mean[j] += row[j];
            }
            for (int j = 0; j < features; j++) mean[j] /= n;
            for (int r = 0; r < n; r++)
            {
                ReadOnlySpan<float> row = rows.Slice(r * features, features);
                for (int j = 0; j < features; j++)
                {
                    double d = row[j] - mean[j];
                    squares[j] += d * d;
                }
            }
            float* m = Parameters + meanOffset, v = Parameters + varianceOffset;
            for (int j = 0; j < features; j++)
            {
                m[j] = (float)mean[j];
                v[j] = (float)(squares[j] / n);
            }
            UploadState();
        }
    }
}
