using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ModelGen.Kernels;

namespace ModelGen
{
    /// <summary>
    /// The vocabulary generated kernels are written in. Inherited static members win C# name lookup over any type
    /// of the user's namespace, so generated code can say <c>Fma(a, b, c)</c> and <c>Load16(p)</c> and stay short,
    /// readable and immune to a user class called <c>Math</c> or <c>Vector256</c>. Everything inlines.
    /// </summary>
    public abstract unsafe partial class CompiledModel
    {
        private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

        /// <summary>True where 512-bit vectors run in hardware: a JIT-time constant, so the other path is not even compiled.</summary>
        protected static bool Use512
        {
            [MethodImpl(Inline)]
            get => Vector512.IsHardwareAccelerated;
        }

        // ---- 16 lanes (AVX-512) ----

        /// <summary>Loads 16 floats.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> Load16(float* p) => Vector512.Load(p);
        /// <summary>16 copies of <paramref name="x"/>.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> Splat16(float x) => Vector512.Create(x);
        /// <summary>16 zeros.</summary>
        protected static Vector512<float> Zero16 { [MethodImpl(Inline)] get => Vector512<float>.Zero; }
        /// <summary>Stores 16 floats.</summary>
        [MethodImpl(Inline)] protected static void Store(Vector512<float> v, float* p) => v.Store(p);
        /// <summary>a · b + c with one rounding.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Simd.MultiplyAdd(a, b, c);
        /// <summary>max(v, 0).</summary>
        [MethodImpl(Inline)] protected static Vector512<float> Relu(Vector512<float> v) => Vector512.Max(v, Vector512<float>.Zero);
        /// <summary>Sigmoid per lane.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> Sigmoid(Vector512<float> v) => FastMath.Sigmoid(v);
        /// <summary>tanh per lane.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> Tanh(Vector512<float> v) => FastMath.Tanh(v);
        /// <summary>d where y &gt; 0, else 0.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> ReluBackward(Vector512<float> d, Vector512<float> y) => Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512<float>.Zero), d, Vector512<float>.Zero);
        /// <summary>d · y (1 - y).</summary>
        [MethodImpl(Inline)] protected static Vector512<float> SigmoidBackward(Vector512<float> d, Vector512<float> y) => d * y * (Vector512<float>.One - y);
        /// <summary>d · (1 - y²).</summary>
        [MethodImpl(Inline)] protected static Vector512<float> TanhBackward(Vector512<float> d, Vector512<float> y) => d * (Vector512<float>.One - y * y);
        /// <summary>The four horizontal sums, as one 4-float vector.</summary>
        [MethodImpl(Inline)] protected static Vector128<float> Sum4(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d) => Simd.Sum4(a, b, c, d);
        /// <summary>The horizontal sum.</summary>
        [MethodImpl(Inline)] protected static float Sum(Vector512<float> v) => Vector512.Sum(v);
        /// <summary>Lanes below the smallest normal float become zero.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> FlushSubnormals(Vector512<float> v) => Simd.FlushSubnormals(v);
        /// <summary>Square root per lane.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> Sqrt(Vector512<float> v) => Vector512.Sqrt(v);

        // ---- 8 lanes (AVX2, and the portable path) ----

        /// <summary>Loads 8 floats.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> Load8(float* p) => Vector256.Load(p);
        /// <summary>8 copies of <paramref name="x"/>.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> Splat8(float x) => Vector256.Create(x);
        /// <summary>8 zeros.</summary>
        protected static Vector256<float> Zero8 { [MethodImpl(Inline)] get => Vector256<float>.Zero; }
        /// <summary>Stores 8 floats.</summary>
        [MethodImpl(Inline)] protected static void Store(Vector256<float> v, float* p) => v.Store(p);
        /// <summary>a · b + c with one rounding.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Simd.MultiplyAdd(a, b, c);
        /// <summary>max(v, 0).</summary>
        [MethodImpl(Inline)] protected static Vector256<float> Relu(Vector256<float> v) => Vector256.Max(v, Vector256<float>.Zero);
        /// <summary>Sigmoid per lane.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> Sigmoid(Vector256<float> v) => FastMath.Sigmoid(v);
        /// <summary>tanh per lane.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> Tanh(Vector256<float> v) => FastMath.Tanh(v);
        /// <summary>d where y &gt; 0, else 0.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> ReluBackward(Vector256<float> d, Vector256<float> y) => Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<float>.Zero), d, Vector256<float>.Zero);
        /// <summary>d · y (1 - y).</summary>
        [MethodImpl(Inline)] protected static Vector256<float> SigmoidBackward(Vector256<float> d, Vector256<float> y) => d * y * (Vector256<float>.One - y);
        /// <summary>d · (1 - y²).</summary>
        [MethodImpl(Inline)] protected static Vector256<float> TanhBackward(Vector256<float> d, Vector256<float> y) => d * (Vector256<float>.One - y * y);
        /// <summary>The four horizontal sums, as one 4-float vector.</summary>
        [MethodImpl(Inline)] protected static Vector128<float> Sum4(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d) => Simd.Sum4(a, b, c, d);
        /// <summary>The horizontal sum.</summary>
        [MethodImpl(Inline)] protected static float Sum(Vector256<float> v) => Vector256.Sum(v);
        /// <summary>Lanes below the smallest normal float become zero.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> FlushSubnormals(Vector256<float> v) => Simd.FlushSubnormals(v);
        /// <summary>Square root per lane.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> Sqrt(Vector256<float> v) => Vector256.Sqrt(v);

        /// <summary>Stores 4 floats.</summary>
        [MethodImpl(Inline)] protected static void Store(Vector128<float> v, float* p) => v.Store(p);

        // ---- Scalars ----

        /// <summary>a · b + c with one rounding.</summary>
        [MethodImpl(Inline)] protected static float Fma(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);
        /// <summary>max(x, 0).</summary>
        [MethodImpl(Inline)] protected static float Relu(float x) => MathF.Max(x, 0f);
        /// <summary>1 / (1 + e^-x) (<see cref="FastMath"/>).</summary>
        [MethodImpl(Inline)] protected static float Sigmoid(float x) => FastMath.Sigmoid(x);
        /// <summary>tanh(x) (<see cref="FastMath"/>).</summary>
        [MethodImpl(Inline)] protected static float Tanh(float x) => FastMath.Tanh(x);
        /// <summary>d where y &gt; 0, else 0.</summary>
        [MethodImpl(Inline)] protected static float ReluBackward(float d, float y) => y > 0f ? d : 0f;
        /// <summary>d · y (1 - y).</summary>
        [MethodImpl(Inline)] protected static float SigmoidBackward(float d, float y) => d * y * (1f - y);
        /// <summary>d · (1 - y²).</summary>
        [MethodImpl(Inline)] protected static float TanhBackward(float d, float y) => d * (1f - y * y);
        /// <summary>-log p with p clipped to [1e-7, 1 - 1e-7], as Keras' cross-entropy on probabilities.</summary>
        [MethodImpl(Inline)] protected static float NegativeLogProbability(float p) => -MathF.Log(Math.Clamp(p, 1e-7f, 1f - 1e-7f));

        // ---- Rows ----

        /// <summary>Softmax of a row in place.</summary>
        protected static void SoftmaxInPlace(float* row, int length) => Simd.Softmax(row, row, length);
        /// <summary>Softmax of <paramref name="x"/> into <paramref name="y"/>.</summary>
        protected static void Softmax(float* y, float* x, int length) => Simd.Softmax(y, x, length);
        /// <summary>log Σ exp(x), overflow-free.</summary>
        protected static float LogSumExp(float* x, int length) => Simd.LogSumExp(x, length);
        /// <summary>dz = y (dy - Σ dy·y) for one row, in place.</summary>
        protected static void SoftmaxBackwardInPlace(float* dy, float* y, int length) => Simd.SoftmaxBackwardInPlace(dy, y, length);

        // ---- Two cores ----

        /// <summary>Pointers and the batch size of the kernel that is being split over two threads.</summary>
        protected struct KernelArgs
        {
            /// <summary>The output (y, a gradient, or dx).</summary>
            public float* Y;
            /// <summary>The input (x, or dy).</summary>
            public float* X;
            /// <summary>A second input where a kernel has one (dy for the kernel gradient).</summary>
            public float* Z;
            /// <summary>Samples in the batch.</summary>
            public int Count;
        }

        /// <summary>The arguments of the kernel running on both threads (read by its two halves).</summary>
        protected KernelArgs Args;

        private Kernels.SpinningWorker? _worker;
        private int _threads = Math.Min(2, Environment.ProcessorCount);

        /// <summary>
        /// Threads the kernels may use: 1, or 2 (the default where the machine has two cores or more). Large layers
        /// split their columns (forward, kernel gradient) or rows (input gradient) between the caller and one
        /// spinning worker; each output element is computed by one thread with the same code, so results are the
        /// same bits whatever this is.
        /// </summary>
        public int Threads
        {
            get => _threads;
            set
            {
                if (value is < 1 or > 2) throw new ArgumentOutOfRangeException(nameof(value), $"Threads is {value}: ModelGen uses 1 or 2 threads.");
                _threads = value;
            }
        }

        /// <summary>Whether a kernel of <paramref name="multiplyAdds"/> multiply-adds is worth a hand-off to the second thread.</summary>
        [MethodImpl(Inline)]
        protected bool Parallel(long multiplyAdds) => _threads > 1 && multiplyAdds >= 65_536;

        /// <summary>Runs <c>half(this, 0)</c> here and <c>half(this, 1)</c> on the worker; returns when both are done.</summary>
        protected void RunOnBothThreads(delegate*<CompiledModel, int, void> half)
        {
            _worker ??= new Kernels.SpinningWorker();
            _worker.RunBoth(half, this);
        }

        /// <summary>Stops the worker thread, if one was started.</summary>
        private void StopWorker()
        {
            _worker?.Dispose();
            _worker = null;
        }

        // ---- Optimizer constants ----

        /// <summary>Adam's step size for the coming step t = Iterations + 1: lr √(1 - β2^t) / (1 - β1^t) (Keras).</summary>
        protected float AdamStepSize(float beta1, float beta2)
        {
            long t = Iterations + 1;
            return (float)(LearningRate * Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t)));
        }
    }
}
