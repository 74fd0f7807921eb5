using System;
using ModelGen.OpenCl;

namespace ModelGen
{
    /// <summary>Which hardware runs a model's kernels.</summary>
    public enum Backend
    {
        /// <summary>The generated SIMD C# kernels.</summary>
        Cpu,
        /// <summary>The generated OpenCL C kernels, on an OpenCL device (a GPU, or the CPU through PoCL).</summary>
        OpenCl,
    }

    public abstract unsafe partial class CompiledModel
    {
        private OpenClSession? _cl;

        // ---- What the generator emits ----

        /// <summary>The model's OpenCL C program (the generated <c>OpenClSource</c> constant).</summary>
        protected abstract string OpenClProgram { get; }
        /// <summary>The program's kernels in the order the enqueue methods index them.</summary>
        protected abstract string[] OpenClKernels { get; }
        /// <summary>Enqueues the forward pass over <c>cl.Input</c>.</summary>
        protected abstract void EnqueueForward(OpenClSession cl, int count);
        /// <summary>Enqueues the loss: per-sample metrics and the loss gradient.</summary>
        protected abstract void EnqueueLoss(OpenClSession cl, int count);
        /// <summary>Enqueues the backward pass (after <see cref="EnqueueLoss"/>).</summary>
        protected abstract void EnqueueBackward(OpenClSession cl, int count);
        /// <summary>Enqueues the optimizer step for step t = Iterations + 1.</summary>
        protected abstract void EnqueueOptimizer(OpenClSession cl);
        /// <summary>
        /// Enqueues forward, loss, backward and (if <paramref name="update"/>) the optimizer as one fully fused kernel,
        /// and returns true; returns false when the model is too large for it.
        /// </summary>
        protected abstract bool EnqueueFusedTrainingStep(OpenClSession cl, int count, bool update);

        /// <summary>The training step's kernels: fused where the model is small enough, else layer by layer.</summary>
        private void EnqueueTrainingStep(OpenClSession cl, int count, bool update)
        {
            if (update) ApplySchedule(); // the optimizer kernels take LearningRate as an argument when enqueued
            if (!AnyFrozenAtRunTime && EnqueueFusedTrainingStep(cl, count, update)) return; // the fused kernel knows no run-time freezing
            BeginTrainingForward();
            try { EnqueueForward(cl, count); }
            finally { EndTrainingForward(); }
            EnqueueLoss(cl, count);
            EnqueueBackward(cl, count);
            if (update) EnqueueOptimizer(cl);
        }

        // ---- Choosing the backend ----

        /// <summary>Where the kernels run now.</summary>
        public Backend Backend => _cl is null ? Backend.Cpu : Backend.OpenCl;

        /// <summary>The OpenCL device in use, or null on the CPU backend.</summary>
        public OpenClDeviceInfo? Device => _cl?.Context.Device;

        /// <summary>The OpenCL session (program, kernels, buffers), or null on the CPU backend. For profiling and benchmarks.</summary>
        public OpenClSession? OpenClSession => _cl;

        /// <summary>
        /// Moves the model to an OpenCL device: builds (or loads from the on-disk cache) its generated program and
        /// copies the parameters and optimizer state over; from then on Fit, Evaluate, Predict and TrainBatch run
        /// there. <paramref name="device"/> defaults to <see cref="OpenClDevices.Default"/> (the environment variable
        /// MODELGEN_OPENCL_DEVICE picks one by index or name).
        /// </summary>
        public void UseOpenCl(OpenClDeviceInfo? device = null, bool profiling = false)
        {
            ThrowIfDisposed();
            UseCpu();
            var session = new OpenClSession(device ?? OpenClDevices.Default(), _layout, OpenClProgram, OpenClKernels, BatchCapacity, profiling);
            _cl = session;
            UploadState();
        }

        /// <summary>Brings the parameters and optimizer state back and runs on the CPU again.</summary>
        public void UseCpu()
        {
            if (_cl is null) return;
            DownloadState();
            _cl.Dispose();
            _cl = null;
        }

        private void UploadState()
        {
            if (_cl is null) return;
            _cl.Context.Write(_cl.Parameters, 0, new ReadOnlySpan<float>(Parameters, _layout.ParameterFloats));
            _cl.Context.Write(_cl.OptimizerState, 0, new ReadOnlySpan<float>(OptimizerState, _layout.OptimizerStateFloats));
        }

        private void DownloadState()
        {
            if (_cl is null) return;
            _cl.Context.Read(_cl.Parameters, 0, new Span<float>(Parameters, _layout.ParameterFloats));
            _cl.Context.Read(_cl.Gradients, 0, new Span<float>(Gradients, _layout.ParameterFloats));
            _cl.Context.Read(_cl.OptimizerState, 0, new Span<float>(OptimizerState, _layout.OptimizerStateFloats));
            MarkParametersChanged(); // the device trained: the host's derived data (folded kernels) may be stale
        }

        // ---- The device halves of the runtime's operations ----

        /// <summary>Forward on the device for <paramref name="count"/> samples at <paramref name="input"/>; copies the outputs into <paramref name="outputs"/>.</summary>
        private void DeviceForward(float* input, int count, Span<float> outputs)
        {
            OpenClSession cl = _cl!;
            cl.Context.Write(cl.Input, 0, new ReadOnlySpan<float>(input, count * InputSize));
            EnqueueForward(cl, count);
            long first = (long)cl.Capacity * _layout.OutputOffset;
            for (int r = 0; r < count; r++)
            {
                cl.Context.Read(cl.Activations, first + (long)r * _layout.OutputStride, outputs.Slice(r * OutputSize, OutputSize));
            }
        }

        /// <summary>
        /// One batch already staged in <see cref="InputBatch"/> and the label or target buffers: forward, loss and, if
        /// asked, backward and the optimizer step, on the device. Adds the batch's loss and metric terms to
        /// <paramref name="totals"/> and returns the batch-mean loss.
        /// </summary>
        private float DeviceStep(int count, bool backward, bool update, ref MetricTotals totals)
        {
            OpenClSession cl = _cl!;
            cl.Context.Write(cl.Input, 0, new ReadOnlySpan<float>(InputBatch, count * InputSize));
            if (_layout.Loss == Loss.SparseCategoricalCrossEntropy)
            {
                cl.Context.Write(cl.Labels, 0, new ReadOnlySpan<int>(Labels, count));
            }
            else
            {
                CheckTargets(Targets, count); // a kernel cannot throw: class indices are checked here
                cl.Context.Write(cl.Targets, 0, new ReadOnlySpan<float>(Targets, count * _layout.TargetSize));
            }
            if (backward)
            {
                EnqueueTrainingStep(cl, count, update);
            }
            else
            {
                EnqueueForward(cl, count);
                EnqueueLoss(cl, count);
            }
            float* metrics = cl.Staging(0) + cl.StagingMetrics;
            cl.Context.Read(cl.Metrics, 0, new Span<float>(metrics, cl.MetricStride * count));
            return AccumulateDeviceMetrics(metrics, count, cl.MetricStride, ref totals);
        }

        /// <summary>One device step whose metrics nobody reads (TrainBatch, ComputeGradients): the batch-mean loss.</summary>
        private float DeviceStep(int count, bool backward, bool update)
        {
            var ignored = new MetricTotals();
            return DeviceStep(count, backward, update, ref ignored);
        }

        /// <summary>
        /// One training epoch on the device, double-buffered: while the device runs batch b from one host staging
        /// slot, the next batch is gathered into the other, so the CPU's gather and the device's work overlap.
        /// </summary>
        private void DeviceEpoch(LabeledData data, int[] order, int batchSize, int n, ref MetricTotals totals, ref int steps, FitRun? batchRun)
        {
            OpenClSession cl = _cl!;
            int batches = (n + batchSize - 1) / batchSize;
            GatherInto(cl, 0, data, order, 0, Math.Min(batchSize, n));
            for (int b = 0; b < batches; b++)
            {
                int slot = b & 1, first = b * batchSize, count = Math.Min(batchSize, n - first);
                float* staging = cl.Staging(slot);
                cl.Context.WriteAsync(cl.Input, 0, staging, count * InputSize);
                bool classify = _layout.Loss == Loss.SparseCategoricalCrossEntropy;
                if (!classify) CheckTargets(staging + cl.StagingTargets, count); // a kernel cannot throw: class indices are checked here
                cl.Context.WriteAsync(classify ? cl.Labels : cl.Targets, 0, staging + cl.StagingTargets, classify ? count : count * _layout.TargetSize);
                EnqueueTrainingStep(cl, count, update: true);
                Iterations++;
                cl.Context.ReadAsync(cl.Metrics, 0, staging + cl.StagingMetrics, cl.MetricStride * count);
                cl.Context.Flush();
                if (b + 1 < batches) GatherInto(cl, 1 - slot, data, order, first + batchSize, Math.Min(batchSize, n - first - batchSize));
                cl.Context.Finish();
                float loss = AccumulateDeviceMetrics(staging + cl.StagingMetrics, count, cl.MetricStride, ref totals);
                steps++;
                if (batchRun is not null && batchRun.BatchEnd(b, loss, totals.Loss / totals.Count)) break;
            }
        }

        /// <summary>Copies rows <c>order[first..first+count)</c> of <paramref name="data"/> into host staging slot <paramref name="slot"/>.</summary>
        private void GatherInto(OpenClSession cl, int slot, LabeledData data, int[] order, int first, int count)
        {
            float* staging = cl.Staging(slot);
            Gather(data, order, first, count, staging, (int*)(staging + cl.StagingTargets), staging + cl.StagingTargets);
        }
    }
}
