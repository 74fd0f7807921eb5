namespace ModelGen
{
    /// <summary>
    /// Inverted dropout (Keras <c>layers.Dropout</c>), called by the generated Dense layers that carry a [Dropout]. The
    /// mask is never stored: element (n, j) of a layer is dropped when <see cref="Noise"/>(key, stream, n · units + j)
    /// is below the rate, so the backward pass, which runs under the same <see cref="NoiseKey"/> as its training
    /// forward pass, recomputes exactly the forward pass's mask. Both passes allocate nothing.
    /// </summary>
    public abstract unsafe partial class CompiledModel
    {
        /// <summary>While training: y[n, j] = 0 where dropped, else y[n, j] · (1 / (1 - rate)), over the used columns.</summary>
        protected void DropoutForward(float* y, int count, int units, int stride, uint stream, float rate)
        {
            ulong key = NoiseKey;
            float scale = 1f / (1f - rate);
            for (int n = 0; n < count; n++)
            {
                float* yn = y + n * stride;
                uint row = (uint)(n * units);
                for (int j = 0; j < units; j++) yn[j] = Noise(key, stream, row + (uint)j) < rate ? 0f : yn[j] * scale;
            }
        }

        /// <summary>
        /// The backward of <see cref="DropoutForward"/>: dy = mask · dy · (1 / (1 - rate)) in place, and y divided back
        /// by the scale where kept, so the activation's derivative (which some activations read from y) sees its own
        /// output (to within rounding); dropped elements keep y = 0 and get dy = 0, so their derivative is multiplied away.
        /// </summary>
        protected void DropoutBackward(float* y, float* dy, int count, int units, int stride, uint stream, float rate)
        {
            ulong key = NoiseKey;
            float scale = 1f / (1f - rate);
            for (int n = 0; n < count; n++)
            {
                float* yn = y + n * stride, dn = dy + n * stride;
                uint row = (uint)(n * units);
                for (int j = 0; j < units; j++)
                {
                    if (Noise(key, stream, row + (uint)j) < rate) dn[j] = 0f;
                    else
                    {
                        dn[j] *= scale;
                        yn[j] /= scale;
                    }
                }
            }
        }

        /// <summary>SELU's saturation value -λα, which AlphaDropout puts in place of a dropped element (Keras: alpha_p).</summary>
        private const double AlphaPrime = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946;

        /// <summary>Keras AlphaDropout's affine correction: a = ((1 - rate)(1 + rate·α'²))^-1/2, b = -a·α'·rate (computed in double, rounded once).</summary>
        private static void AlphaDropoutAffine(float rate, out float a, out float b)
        {
            double ad = 1.0 / System.Math.Sqrt((1.0 - rate) * (1.0 + rate * AlphaPrime * AlphaPrime));
            a = (float)ad;
            b = (float)(-ad * AlphaPrime * rate);
        }

        /// <summary>While training: y[n, j] = a · (kept ? y[n, j] : α') + b, over the used columns (Keras AlphaDropout).</summary>
        protected void AlphaDropoutForward(float* y, int count, int units, int stride, uint stream, float rate)
        {
            ulong key = NoiseKey;
            AlphaDropoutAffine(rate, out float a, out float b);
            float dropped = (float)((double)a * AlphaPrime + b);
            for (int n = 0; n < count; n++)
            {
                float* yn = y + n * stride;
                uint row = (uint)(n * units);
                for (int j = 0; j < units; j++) yn[j] = Noise(key, stream, row + (uint)j) < rate ? dropped : a * yn[j] + b;
            }
        }

        /// <summary>
        /// The backward of <see cref="AlphaDropoutForward"/>: dy = kept ? a · dy : 0 in place; y back to the activation's
        /// output where kept ((y - b) / a, to within rounding) and 0 where dropped (its derivative is multiplied by dy = 0).
        /// </summary>
        protected void AlphaDropoutBackward(float* y, float* dy, int count, int units, int stride, uint stream, float rate)
        {
            ulong key = NoiseKey;
            AlphaDropoutAffine(rate, out float a, out float b);
            for (int n = 0; n < count; n++)
            {
                float* yn = y + n * stride, dn = dy + n * stride;
                uint row = (uint)(n * units);
                for (int j = 0; j < units; j++)
                {
                    if (Noise(key, stream, row + (uint)j) < rate)
                    {
                        dn[j] = 0f;
                        yn[j] = 0f;
                    }
                    else
                    {
                        dn[j] *= a;
                        yn[j] = (yn[j] - b) / a;
                    }
                }
            }
        }
    }
}
