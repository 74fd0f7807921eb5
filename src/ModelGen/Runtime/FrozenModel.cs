using System;
using System.Runtime.InteropServices;

namespace ModelGen
{
    /// <summary>
    /// The base of every [FrozenWeights] model: inference only. The generated class holds the weights as constant
    /// data in the assembly (nothing is loaded or copied at start-up) and the forward kernels; this class owns only the
    /// activation scratch, allocated once per instance, so <see cref="Predict"/> allocates nothing. Like a
    /// <see cref="CompiledModel"/>, one instance is used by one thread at a time; create one per thread.
    /// </summary>
    public abstract unsafe class FrozenModel : IDisposable
    {
        /// <summary>Samples one forward pass runs at most: the activation scratch holds this many rows per buffer.</summary>
        public const int MaxBatch = 32;

        private const int Capacity = MaxBatch;

        private readonly string _name;
        private readonly int _outputStride;
        private readonly int _outputOffset;

        /// <summary>Activation buffers: per-sample offsets (from the generator's memory plan) times <see cref="MaxBatch"/>.</summary>
        protected float* Scratch;

        /// <summary>Allocates the activation scratch (64-byte aligned, zeroed).</summary>
        /// <param name="name">The model class name, for error messages.</param>
        /// <param name="inputSize">Floats per input sample.</param>
        /// <param name="outputSize">Floats per output sample.</param>
        /// <param name="outputStride">Floats per output row in the scratch (the output width padded to 16).</param>
        /// <param name="outputOffset">Per-sample offset of the output buffer in the scratch.</param>
        /// <param name="scratchFloatsPerSample">Activation floats per sample.</param>
        protected FrozenModel(string name, int inputSize, int outputSize, int outputStride, int outputOffset, int scratchFloatsPerSample)
        {
            _name = name;
            InputSize = inputSize;
            OutputSize = outputSize;
            _outputStride = outputStride;
            _outputOffset = outputOffset;
            nuint bytes = (nuint)Math.Max(1, Capacity * scratchFloatsPerSample) * sizeof(float);
            Scratch = (float*)NativeMemory.AlignedAlloc(bytes, 64);
            NativeMemory.Clear(Scratch, bytes);
        }

        /// <summary>Floats per input sample.</summary>
        public int InputSize { get; }

        /// <summary>Floats per output sample.</summary>
        public int OutputSize { get; }

        /// <summary>Runs <paramref name="count"/> (at most <see cref="MaxBatch"/>) samples: generated, from the weights compiled in.</summary>
        protected abstract void Forward(float* input, int count);

        private float* Output => Scratch + Capacity * _outputOffset;

        /// <summary>Runs one sample through the network. Allocation-free.</summary>
        /// <param name="input">One sample, <see cref="InputSize"/> floats.</param>
        /// <param name="output">Receives <see cref="OutputSize"/> floats (probabilities for a softmax output).</param>
        public void Predict(ReadOnlySpan<float> input, Span<float> output)
        {
            ThrowIfDisposed();
            Check("input", input.Length, InputSize);
            Check("output", output.Length, OutputSize);
            fixed (float* x = input) Forward(x, 1);
            new ReadOnlySpan<float>(Output, OutputSize).CopyTo(output);
        }

        /// <summary>The index of the largest output for one sample (the predicted class). Allocation-free.</summary>
        public int PredictClass(ReadOnlySpan<float> input)
        {
            ThrowIfDisposed();
            Check("input", input.Length, InputSize);
            fixed (float* x = input) Forward(x, 1);
            float* o = Output;
            int best = 0;
            for (int j = 1; j < OutputSize; j++)
            {
                if (o[j] > o[best]) best = j;
            }
            return best;
        }

        /// <summary>Runs many samples, [n, InputSize], into <paramref name="outputs"/>, [n, OutputSize]. Allocation-free.</summary>
        public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
        {
            ThrowIfDisposed();
            if (inputs.Length % InputSize != 0)
            {
                throw new ArgumentException($"{_name}: inputs has {inputs.Length} floats, not a whole number of samples of {InputSize} floats: expected [n, {InputSize}].", nameof(inputs));
            }
            int n = inputs.Length / InputSize;
            Check("outputs", outputs.Length, n * OutputSize);
            fixed (float* x = inputs)
            {
                for (int start = 0; start < n; start += Capacity)
                {
                    int count = Math.Min(Capacity, n - start);
                    Forward(x + (long)start * InputSize, count);
                    for (int r = 0; r < count; r++)
                    {
                        new ReadOnlySpan<float>(Output + (long)r * _outputStride, OutputSize).CopyTo(outputs.Slice((start + r) * OutputSize));
                    }
                }
            }
        }

        /// <summary>Frees the activation scratch.</summary>
        public void Dispose()
        {
            if (Scratch == null) return;
            NativeMemory.AlignedFree(Scratch);
            Scratch = null;
            GC.SuppressFinalize(this);
        }

        /// <summary>Frees the scratch if <see cref="Dispose"/> was not called.</summary>
        ~FrozenModel() => Dispose();

        private void ThrowIfDisposed()
        {
            if (Scratch == null) throw new ObjectDisposedException(_name);
        }

        private void Check(string argument, int actual, int expected)
        {
            if (actual != expected) throw new ArgumentException($"{_name}: {argument} has {actual} floats, expected {expected}.", argument);
        }
    }
}
