using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ModelGen
{
    /// <summary>
    /// The runtime half of every generated model. The generator emits the math (forward, loss, backward, optimizer
    /// step) with every shape a constant; this class owns the memory arenas those kernels slice with constant offsets,
    /// and the parts that do not depend on the architecture: batching, shuffling, metrics, validation, saving.
    /// </summary>
    /// <remarks>
    /// Memory: one 64-byte-aligned native arena per kind (parameters, gradients, optimizer state, activations, the
    /// input and target batch), allocated at construction and grown only when a larger batch is first used. Nothing on
    /// the prediction or training-step paths allocates.
    /// </remarks>
    public abstract unsafe partial class CompiledModel : IDisposable
    {
        private const int Alignment = 64;
        private const int DefaultBatchCapacity = 32;

        /// <summary>Samples PredictBatch runs per forward pass at most (buffers grow to it once).</summary>
        private const int PredictChunk = 256;

        private readonly ModelLayout _layout;
        private Rng _shuffleRng;

        /// <summary>Parameters: every tensor of <see cref="ModelLayout.Tensors"/> at its offset.</summary>
        protected float* Parameters;
        /// <summary>Gradients of the loss for the last batch, laid out exactly as <see cref="Parameters"/>.</summary>
        protected float* Gradients;
        /// <summary>Optimizer state (e.g. Adam's moments), laid out by the generator.</summary>
        protected float* OptimizerState;
        /// <summary>Activation buffers: per-sample offsets from the layout, times <see cref="BatchCapacity"/>.</summary>
        protected float* Activations;
        /// <summary>The current batch's inputs, [BatchCapacity, InputSize].</summary>
        protected float* InputBatch;
        /// <summary>The current batch's class labels (classification losses), [BatchCapacity].</summary>
        protected int* Labels;
        /// <summary>The current batch's targets (regression losses), [BatchCapacity, TargetSize] (TargetSize = OutputSize but for sparse outputs of a functional model).</summary>
        protected float* Targets;
        /// <summary>How many samples the batch buffers hold.</summary>
        protected int BatchCapacity;

        /// <summary>Creates the arenas and initializes the parameters from <paramref name="seed"/>.</summary>
        protected CompiledModel(ModelLayout layout, int seed)
        {
            _layout = layout;
            Seed = seed;
            LearningRate = layout.LearningRate;
            Parameters = AllocateFloats(layout.ParameterFloats);
            Gradients = AllocateFloats(layout.ParameterFloats);
            OptimizerState = AllocateFloats(layout.OptimizerStateFloats);
            EnsureBatchCapacity(DefaultBatchCapacity);

            // Two independent streams from one seed: initialization, then shuffling. Same seed, same bits.
            var initRng = new Rng((ulong)(uint)seed);
            _shuffleRng = new Rng(((ulong)(uint)seed << 32) ^ 0x5DEECE66DUL);
            InitializeParameters(ref initRng);
        }

        /// <summary>
        /// Draws every tensor in layout order (kernel, then bias, layer after layer) with its initializer, in logical
        /// row-major order, then stores it in its arena layout: the values do not depend on the packing, Orthogonal and
        /// Identity are defined on the logical [inputs, units] matrix, and the packing padding stays zero.
        /// </summary>
        private void InitializeParameters(ref Rng rng)
        {
            foreach (TensorSpec spec in _layout.Tensors)
            {
                var values = new float[spec.Length];
                Initializers.Fill(values, spec, ref rng);
                Store(Parameters, spec, values);
            }
        }

        /// <summary>The layout the generator computed for this model.</summary>
        public ModelLayout Layout => _layout;
        /// <summary>The seed the parameters were initialized from.</summary>
        public int Seed { get; }
        /// <summary>Shape of one input sample.</summary>
        public ReadOnlySpan<int> InputShape => _layout.InputShape;
        /// <summary>Floats in one input sample.</summary>
        public int InputSize => _layout.InputSize;
        /// <summary>Floats in one output sample.</summary>
        public int OutputSize => _layout.OutputSize;
        /// <summary>Number of trainable parameters.</summary>
        public int ParameterCount
        {
            get
            {
                int n = 0;
                foreach (TensorSpec t in _layout.Tensors) n += t.Length;
                return n;
            }
        }

        /// <summary>The learning rate used by the next optimizer step. Can be changed between steps.</summary>
        public float LearningRate { get; set; }

        /// <summary>Optimizer steps taken so far (Keras' <c>optimizer.iterations</c>).</summary>
        public long Iterations { get; protected set; }

        // ---- What the generator emits -------------------------------------------------------------------------

        /// <summary>Runs the forward pass over <paramref name="count"/> samples of [count, InputSize] at <paramref name="input"/>.</summary>
        protected abstract void Forward(float* input, int count);

        /// <summary>The last layer's output for the last forward pass, [count, OutputStride] (OutputSize floats used per row).</summary>
        protected abstract float* Output { get; }

        /// <summary>The batch-mean loss of the last forward pass against <see cref="Labels"/> or <see cref="Targets"/>.</summary>
        protected abstract float ComputeLoss(int count);

        /// <summary>Back-propagates the loss of the last forward pass and writes every parameter gradient.</summary>
        protected abstract void Backward(float* input, int count);

        /// <summary>Updates every parameter from <see cref="Gradients"/>; <see cref="Iterations"/> is the number of earlier steps.</summary>
        protected abstract void ApplyOptimizer();

        // ---- Memory --------------------------------------------------------------------------------------------

        private static float* AllocateFloats(long count)
        {
            nuint bytes = (nuint)(Math.Max(count, 1) * sizeof(float));
            void* p = NativeMemory.AlignedAlloc(bytes, Alignment);
            NativeMemory.Clear(p, bytes);
            return (float*)p;
        }

        private static void Free(ref float* p)
        {
            if (p != null) NativeMemory.AlignedFree(p);
            p = null;
        }

        /// <summary>Grows the batch buffers to hold <paramref name="capacity"/> samples. Allocates only when growing.</summary>
        protected void EnsureBatchCapacity(int capacity)
        {
            if (capacity <= BatchCapacity) return;
            Free(ref Activations);
            Free(ref InputBatch);
            Free(ref Targets);
            float* labels = (float*)Labels;
            Free(ref labels);
            Activations = AllocateFloats((long)_layout.ActivationFloatsPerSample * capacity);
            InputBatch = AllocateFloats((long)_layout.InputSize * capacity);
            Targets = AllocateFloats((long)_layout.TargetSize * capacity);
            Labels = (int*)AllocateFloats(capacity);
            BatchCapacity = capacity;
            _cl?.EnsureCapacity(capacity);
        }

        /// <summary>Frees the native arenas.</summary>
        public void Dispose()
        {
            FreeAll();
            GC.SuppressFinalize(this);
        }

        /// <summary>Frees the native arenas if <see cref="Dispose"/> was not called.</summary>
        ~CompiledModel() => FreeAll();

        private void FreeAll()
        {
            StopWorker();
            _cl?.Dispose();
            _cl = null;
            Free(ref Parameters);
            Free(ref Gradients);
            Free(ref OptimizerState);
            Free(ref Activations);
            Free(ref InputBatch);
            Free(ref Targets);
            float* labels = (float*)Labels;
            Free(ref labels);
            Labels = null;
        }

        private void ThrowIfDisposed()
        {
            if (Parameters == null) throw new ObjectDisposedException(_layout.ModelName);
        }

        // ---- Inference -----------------------------------------------------------------------------------------

        /// <summary>Runs one sample through the network. Allocation-free.</summary>
        /// <param name="input">One sample, <see cref="InputSize"/> floats (row-major over <see cref="InputShape"/>).</param>
        /// <param name="output">Receives <see cref="OutputSize"/> floats (probabilities for a softmax output).</param>
        public void Predict(ReadOnlySpan<float> input, Span<float> output)
        {
            ThrowIfDisposed();
            ShapeChecks.Sample(_layout, "input", input.Length, InputSize);
            ShapeChecks.Sample(_layout, "output", output.Length, OutputSize);
            fixed (float* x = input)
            {
                if (_cl is not null)
                {
                    DeviceForward(x, 1, output);
                    return;
                }
                Forward(x, 1);
            }
            new ReadOnlySpan<float>(Output, OutputSize).CopyTo(output);
        }

        /// <summary>The index of the largest output for one sample (the predicted class). Allocation-free.</summary>
        public int PredictClass(ReadOnlySpan<float> input)
        {
            ThrowIfDisposed();
            ShapeChecks.Sample(_layout, "input", input.Length, InputSize);
            if (_cl is not null)
            {
                Span<float> output = OutputSize <= 1024 ? stackalloc float[OutputSize] : new float[OutputSize];
                Predict(input, output);
                fixed (float* o = output) return ArgMax(o, OutputSize);
            }
            fixed (float* x = input)
            {
                Forward(x, 1);
            }
            return ArgMax(Output, OutputSize);
        }

        /// <summary>Runs many samples, [n, InputSize], into <paramref name="outputs"/>, [n, OutputSize].</summary>
        public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
        {
            ThrowIfDisposed();
            int n = ShapeChecks.Batch(_layout, "inputs", inputs.Length, InputSize);
            ShapeChecks.Matching(_layout, "outputs", outputs.Length, n, OutputSize);
            // Larger chunks stream each packed kernel panel once for more rows: grow the buffers once (native
            // memory, not the GC heap) up to PredictChunk samples.
            EnsureBatchCapacity(Math.Min(n, PredictChunk));
            fixed (float* x = inputs)
            {
                for (int start = 0; start < n; start += BatchCapacity)
                {
                    int count = Math.Min(BatchCapacity, n - start);
                    if (_cl is not null)
                    {
                        DeviceForward(x + (long)start * InputSize, count, outputs.Slice(start * OutputSize, count * OutputSize));
                        continue;
                    }
                    Forward(x + (long)start * InputSize, count);
                    for (int r = 0; r < count; r++)
                    {
                        new ReadOnlySpan<float>(Output + (long)r * _layout.OutputStride, OutputSize).CopyTo(outputs.Slice((start + r) * OutputSize));
                    }
                }
            }
        }

        /// <summary>Predicts every sample of <paramref name="inputs"/> and returns a new [n, OutputSize] array.</summary>
        public float[] PredictBatch(float[] inputs)
        {
            int n = ShapeChecks.Batch(_layout, "inputs", inputs.Length, InputSize);
            var outputs = new float[n * OutputSize];
            PredictBatch(inputs, outputs);
            return outputs;
        }

        private static int ArgMax(float* values, int length)
        {
            int best = 0;
            for (int i = 1; i < length; i++)
            {
                if (values[i] > values[best]) best = i;
            }
            return best;
        }

        // ---- One training step ---------------------------------------------------------------------------------

        /// <summary>
        /// One optimizer step on one batch of classification data: forward, loss, backward, update. Returns the
        /// batch loss before the update. Allocation-free once the batch size has been seen.
        /// </summary>
        public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels)
        {
            RequireLoss(labelsAreClasses: true);
            int count = StageBatch(inputs, labels.Length);
            CheckLabels(labels);
            StageLabels(labels, count);
            return TrainStaged(count);
        }

        /// <summary>One optimizer step on one batch of regression data, [n, TargetSize] targets (= OutputSize but for a functional model's sparse outputs).</summary>
        public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
        {
            RequireLoss(labelsAreClasses: false);
            int n = ShapeChecks.Batch(_layout, "targets", targets.Length, _layout.TargetSize);
            int count = StageBatch(inputs, n);
            targets.CopyTo(new Span<float>(Targets, count * _layout.TargetSize));
            return TrainStaged(count);
        }

        private int StageBatch(ReadOnlySpan<float> inputs, int targetCount)
        {
            ThrowIfDisposed();
            int n = ShapeChecks.Batch(_layout, "inputs", inputs.Length, InputSize);
            ShapeChecks.SameCount(_layout, n, targetCount);
            if (n == 0) throw new ArgumentException($"{_layout.ModelName}: a training batch needs at least one sample.", nameof(inputs));
            EnsureBatchCapacity(n);
            inputs.CopyTo(new Span<float>(InputBatch, n * InputSize));
            return n;
        }

        private float TrainStaged(int count)
        {
            if (_cl is not null)
            {
                float deviceLoss = DeviceStep(count, backward: true, update: true);
                Iterations++;
                return deviceLoss;
            }
            TrainingForward(count);
            float loss = ComputeLoss(count);
            Backward(InputBatch, count);
            ApplySchedule();
            ApplyOptimizer();
            MarkParametersChanged();
            Iterations++;
            return loss;
        }

        /// <summary>
        /// Forward and backward on one batch without updating: leaves the gradients readable through
        /// <see cref="ReadGradient"/>. Returns the batch loss. For gradient checks and inspection.
        /// </summary>
        public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels)
        {
            RequireLoss(labelsAreClasses: true);
            int count = StageBatch(inputs, labels.Length);
            CheckLabels(labels);
            StageLabels(labels, count);
            return ForwardBackward(count);
        }

        /// <summary>Forward and backward on one batch of regression data without updating.</summary>
        public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
        {
            RequireLoss(labelsAreClasses: false);
            int n = ShapeChecks.Batch(_layout, "targets", targets.Length, _layout.TargetSize);
            int count = StageBatch(inputs, n);
            targets.CopyTo(new Span<float>(Targets, count * _layout.TargetSize));
            return ForwardBackward(count);
        }

        private float ForwardBackward(int count)
        {
            if (_cl is not null) return DeviceStep(count, backward: true, update: false);
            TrainingForward(count);
            float loss = ComputeLoss(count);
            Backward(InputBatch, count);
            return loss;
        }

        private void RequireLoss(bool labelsAreClasses)
        {
            bool isClassification = _layout.Loss == Loss.SparseCategoricalCrossEntropy;
            if (isClassification == labelsAreClasses || _layout.LabelsAsTargets) return;
            throw new ArgumentException(isClassification
                ? $"{_layout.ModelName} trains with {_layout.Loss}, which takes integer class labels, but float targets were passed: pass int[] labels, one per sample."
                : $"{_layout.ModelName} trains with {_layout.Loss}, which takes float targets of {_layout.TargetSize} per sample, but integer labels were passed: pass float[] targets, [n, {_layout.TargetSize}].");
        }

        private void CheckLabels(ReadOnlySpan<int> labels)
        {
            for (int i = 0; i < labels.Length; i++)
            {
                if ((uint)labels[i] >= (uint)OutputSize)
                {
                    throw new ArgumentOutOfRangeException(nameof(labels),
                        $"{_layout.ModelName}: label {labels[i]} at index {i} is not a class of the output layer (expected 0 to {OutputSize - 1}).");
                }
            }
        }

        /// <summary>Returns the optimizer state to its start (zeros; Adagrad's initial accumulator) and the step counter to 0 (the weights stay).</summary>
        public void ResetOptimizer()
        {
            ThrowIfDisposed();
            DownloadState(); // on a device the host's parameters are stale: the upload below must not roll them back
            InitializeOptimizerState();
            Iterations = 0;
            UploadState();
        }

        // ---- Tensors ----------------------------------------------------------------------------------------

        /// <summary>A copy of the parameter <paramref name="name"/> (e.g. <c>dense.kernel</c>) in its logical row-major shape.</summary>
        public float[] ReadParameter(string name)
        {
            TensorSpec spec = Find(name);
            DownloadState();
            return Load(Parameters, spec);
        }

        /// <summary>Overwrites the parameter <paramref name="name"/> from row-major values of its logical shape.</summary>
        public void WriteParameter(string name, ReadOnlySpan<float> values)
        {
            TensorSpec spec = Find(name);
            if (values.Length != spec.Length)
            {
                throw new ArgumentException(
                    $"{_layout.ModelName}: '{name}' has shape {spec.ShapeText} = {spec.Length} floats, but {values.Length} were given.", nameof(values));
            }
            DownloadState();
            Store(Parameters, spec, values);
            MarkParametersChanged();
            UploadState();
        }

        /// <summary>A copy of the gradient of parameter <paramref name="name"/> from the last backward pass, in its logical shape.</summary>
        public float[] ReadGradient(string name)
        {
            TensorSpec spec = Find(name);
            DownloadState();
            return Load(Gradients, spec);
        }

        private TensorSpec Find(string name)
        {
            ThrowIfDisposed();
            foreach (TensorSpec t in _layout.Tensors)
            {
                if (t.Name == name) return t;
            }
            throw new ArgumentException($"{_layout.ModelName} has no tensor '{name}'. Its tensors are: {TensorNames()}.", nameof(name));
        }

        private static float[] Load(float* arena, TensorSpec spec)
        {
            var values = new float[spec.Length];
            if (spec.Packed) Kernels.PanelLayout.Unpack(arena + spec.Offset, values, spec.Shape[0], spec.Shape[1]);
            else new ReadOnlySpan<float>(arena + spec.Offset, spec.Length).CopyTo(values);
            return values;
        }

        private static void Store(float* arena, TensorSpec spec, ReadOnlySpan<float> values)
        {
            if (spec.Packed) Kernels.PanelLayout.Pack(values, arena + spec.Offset, spec.Shape[0], spec.Shape[1]);
            else values.CopyTo(new Span<float>(arena + spec.Offset, spec.Length));
        }

        private string TensorNames()
        {
            var names = new string[_layout.Tensors.Length];
            for (int i = 0; i < names.Length; i++) names[i] = _layout.Tensors[i].Name + " " + _layout.Tensors[i].ShapeText;
            return string.Join(", ", names);
        }
    }
}
