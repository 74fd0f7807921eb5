namespace ModelGen.Tests.Numerics
{
    /// <summary>Numeric gradients of a model's loss for the finite-difference tests of float-target models.</summary>
    internal static class CentralDifferences
    {
        /// <summary>
        /// (L(w + h) - L(w - h)) / 2h for every entry of tensor <paramref name="name"/>, L the batch loss of
        /// <c>ComputeGradients(x, t)</c>; each entry is restored before the next. The model's gradients are left as the
        /// last perturbed pass wrote them: read the analytic ones first.
        /// </summary>
        public static float[] Of(CompiledModel model, string name, float[] x, float[] t, float h)
        {
            float[] w = model.ReadParameter(name);
            var numeric = new float[w.Length];
            for (int i = 0; i < w.Length; i++)
            {
                float original = w[i];
                w[i] = original + h;
                model.WriteParameter(name, w);
                double plus = model.ComputeGradients(x, t);
                w[i] = original - h;
                model.WriteParameter(name, w);
                double minus = model.ComputeGradients(x, t);
                w[i] = original;
                model.WriteParameter(name, w);
                numeric[i] = (float)((plus - minus) / (2 * h));
            }
            return numeric;
        }
    }
}
