using System;
using System.Runtime.InteropServices;
using ModelGen.OpenCl;

namespace ModelGen
{
    /// <summary>
    /// A model's life on an OpenCL device: the built program, its kernels, and device buffers that mirror the host
    /// arenas one for one (parameters, gradients, optimizer state, activations with the same offsets). Weights and
    /// optimizer state stay on the device between steps; only batches go up and metrics and outputs come down.
    /// Generated code enqueues its kernels through the members here.
    /// </summary>
    public sealed unsafe class OpenClSession : IDisposable
    {
        private readonly ModelLayout _layout;
        private readonly float*[] _staging = new float*[2];

        internal OpenClSession(OpenClDeviceInfo device, ModelLayout layout, string program, string[] kernelNames, int capacity, bool profiling)
        {
            _layout = layout;
            MetricStride = MetricColumns + layout.OutputEntries.Length;
            Context = new OpenClContext(device, profiling);
            try
            {
                Program = Context.BuildProgram(program);
                Kernels = new OpenClKernel[kernelNames.Length];
                for (int i = 0; i < kernelNames.Length; i++) Kernels[i] = Program.CreateKernel(kernelNames[i]);
                ParameterFloats = layout.ParameterFloats;
                Parameters = Context.CreateBuffer(layout.ParameterFloats);
                Gradients = Context.CreateBuffer(layout.ParameterFloats);
                OptimizerState = Context.CreateBuffer(Math.Max(1, layout.OptimizerStateFloats));
                Allocate(capacity);
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        /// <summary>The context and command queue.</summary>
        public OpenClContext Context { get; }
        /// <summary>The model's program.</summary>
        public OpenClProgram Program { get; } = null!;
        /// <summary>The program's kernels, in the order the generated code indexes them.</summary>
        public OpenClKernel[] Kernels { get; } = Array.Empty<OpenClKernel>();
        /// <summary>Floats of the parameter arena.</summary>
        public int ParameterFloats { get; }
        /// <summary>Samples the batch buffers hold.</summary>
        public int Capacity { get; private set; }
        /// <summary>The parameter arena (packed kernels and biases).</summary>
        public OpenClBuffer Parameters { get; } = null!;
        /// <summary>The gradient arena.</summary>
        public OpenClBuffer Gradients { get; } = null!;
        /// <summary>The optimizer state arena.</summary>
        public OpenClBuffer OptimizerState { get; } = null!;
        /// <summary>Activation and delta rows, [capacity × per-sample floats].</summary>
        public OpenClBuffer Activations { get; private set; } = null!;
        /// <summary>The batch's inputs, [capacity, InputSize].</summary>
        public OpenClBuffer Input { get; private set; } = null!;
        /// <summary>The batch's class labels (int), [capacity].</summary>
        public OpenClBuffer Labels { get; private set; } = null!;
        /// <summary>The batch's float targets, [capacity, OutputSize].</summary>
        public OpenClBuffer Targets { get; private set; } = null!;
        /// <summary>
        /// Floats per sample in <see cref="Metrics"/>: loss, binary-accuracy hits, class hit, squared error, absolute
        /// error (see the generator's LossOpenCl.MetricColumns, which must equal this).
        /// </summary>
        public const int MetricColumns = 5;

        /// <summary>
        /// Floats per sample in <see cref="Metrics"/>: <see cref="MetricColumns"/>, then one per History entry of a
        /// functional model's outputs (<see cref="ModelLayout.OutputEntries"/>: each output's loss and metric terms).
        /// </summary>
        public int MetricStride { get; }

        /// <summary>Per-sample loss and metric terms written by the loss kernel, [capacity, <see cref="MetricStride"/>].</summary>
        public OpenClBuffer Metrics { get; private set; } = null!;

        /// <summary>Grows the batch buffers (their contents are not kept: they hold one batch at a time).</summary>
        internal void EnsureCapacity(int capacity)
        {
            if (capacity <= Capacity) return;
            DisposeBatchBuffers();
            Allocate(capacity);
        }

        /// <summary>
        /// Host staging area <paramref name="slot"/> (0 or 1) for double-buffered uploads: inputs [capacity, InputSize],
        /// then labels or targets [capacity, OutputSize], then metrics [capacity, MetricStride]. One slot is read by the device
        /// while the next batch is gathered into the other.
        /// </summary>
        internal float* Staging(int slot) => _staging[slot];

        /// <summary>Offset of the labels or targets in a staging slot.</summary>
        internal long StagingTargets => (long)_layout.InputSize * Capacity;

        /// <summary>Offset of the metrics in a staging slot.</summary>
        internal long StagingMetrics => StagingTargets + (long)Math.Max(1, _layout.OutputSize) * Capacity;

        private void Allocate(int capacity)
        {
            for (int slot = 0; slot < 2; slot++)
            {
                long floats = ((long)_layout.InputSize + Math.Max(1, _layout.OutputSize) + MetricStride) * capacity;
                _staging[slot] = (float*)NativeMemory.AlignedAlloc((nuint)(floats * sizeof(float)), 64);
            }
            Activations = Context.CreateBuffer((long)_layout.ActivationFloatsPerSample * capacity);
            Input = Context.CreateBuffer((long)_layout.InputSize * capacity);
            Labels = Context.CreateBuffer(capacity);
            Targets = Context.CreateBuffer((long)_layout.OutputSize * capacity);
            Metrics = Context.CreateBuffer((long)MetricStride * capacity);
            Capacity = capacity;
        }

        private void DisposeBatchBuffers()
        {
            for (int slot = 0; slot < 2; slot++)
            {
                if (_staging[slot] != null) NativeMemory.AlignedFree(_staging[slot]);
                _staging[slot] = null;
            }
            Activations?.Dispose();
            Input?.Dispose();
            Labels?.Dispose();
            Targets?.Dispose();
            Metrics?.Dispose();
        }

        /// <summary>Releases every device object.</summary>
        public void Dispose()
        {
            DisposeBatchBuffers();
            Parameters?.Dispose();
            Gradients?.Dispose();
            OptimizerState?.Dispose();
            foreach (OpenClKernel? k in Kernels) k?.Dispose();
            Program?.Dispose();
            Context.Dispose();
        }
    }
}
