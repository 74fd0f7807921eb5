using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace ModelGen
{
    /// <summary>The model's side of schedules and callbacks: the schedule hook, the stop flag and weight snapshots.</summary>
    public abstract unsafe partial class CompiledModel
    {
        private LearningRateSchedule? _schedule;

        /// <summary>
        /// A learning-rate schedule applied before every optimizer step (Fit, TrainBatch; CPU and OpenCL):
        /// <see cref="LearningRate"/> becomes <c>Schedule.Rate(Iterations)</c>, so the first step uses Rate(0), as
        /// Keras. Null (the default) leaves <see cref="LearningRate"/> as set. <see cref="ResetOptimizer"/> sets
        /// Iterations back to 0, which restarts the schedule.
        /// </summary>
        public LearningRateSchedule? Schedule
        {
            get => _schedule;
            set => _schedule = value;
        }

        /// <summary>
        /// Keras' <c>stop_training</c>: a callback sets it to end Fit after the current batch (or epoch). Fit clears it
        /// when it starts.
        /// </summary>
        public bool StopTraining { get; set; }

        /// <summary>Sets <see cref="LearningRate"/> from the schedule for the step about to run (t = Iterations + 1, step index Iterations).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void ApplySchedule()
        {
            if (_schedule is not null) LearningRate = _schedule.Rate(Iterations);
        }

        /// <summary>A copy of every parameter (the whole parameter arena, as stored), for <see cref="RestoreWeights"/>.</summary>
        internal float[] CopyWeights()
        {
            ThrowIfDisposed();
            DownloadState();
            return new ReadOnlySpan<float>(Parameters, _layout.ParameterFloats).ToArray();
        }

        /// <summary>Puts back parameters taken by <see cref="CopyWeights"/>; the optimizer state is left as it is (as Keras' set_weights).</summary>
        internal void RestoreWeights(float[] weights)
        {
            ThrowIfDisposed();
            if (weights.Length != _layout.ParameterFloats)
            {
                throw new ArgumentException($"{_layout.ModelName}: a weight snapshot of {weights.Length} floats does not fit {_layout.ParameterFloats} parameters.", nameof(weights));
            }
            DownloadState();
            weights.AsSpan().CopyTo(new Span<float>(Parameters, _layout.ParameterFloats));
            UploadState();
        }

        /// <summary>A copy of the optimizer state arena (for the learning-rate finder, which must leave no trace).</summary>
        private float[] CopyOptimizerState()
        {
            DownloadState();
            return new ReadOnlySpan<float>(OptimizerState, _layout.OptimizerStateFloats).ToArray();
        }

        private void RestoreOptimizerState(float[] state)
        {
            DownloadState();
            state.AsSpan().CopyTo(new Span<float>(OptimizerState, _layout.OptimizerStateFloats));
            UploadState();
        }

        /// <summary>
        /// The callbacks and the progress display of one Fit call. Null when there are none, so the batch loop then
        /// makes no calls; <see cref="BatchEvents"/> is false unless a callback or the live bar wants every batch.
        /// </summary>
        private sealed class FitRun
        {
            private readonly CompiledModel _model;
            private readonly ICallback[] _callbacks;
            private readonly ICallback[] _batchCallbacks;
            private readonly ProgressBar? _bar;

            internal FitRun(CompiledModel model, ICallback[] callbacks, ProgressBar? bar)
            {
                _model = model;
                _callbacks = callbacks;
                _batchCallbacks = Array.FindAll(callbacks, c => c.WantsBatchEvents);
                _bar = bar;
                BatchEvents = _batchCallbacks.Length > 0 || bar is not null;
            }

            internal bool BatchEvents { get; }

            internal void TrainBegin()
            {
                foreach (ICallback c in _callbacks) c.OnTrainBegin(_model);
            }

            internal void EpochBegin(int epoch, int batches)
            {
                _bar?.Begin(epoch, batches);
                foreach (ICallback c in _callbacks) c.OnEpochBegin(_model, epoch);
            }

            /// <summary>After each batch: returns true to stop the epoch.</summary>
            internal bool BatchEnd(int batch, float loss, double runningLoss)
            {
                foreach (ICallback c in _batchCallbacks) c.OnBatchEnd(_model, batch, loss);
                _bar?.Update(batch + 1, runningLoss, _model.LearningRate);
                return _model.StopTraining;
            }

            internal void EpochEnd(int epoch, IDictionary<string, float> logs, string summary)
            {
                _bar?.End(summary);
                foreach (ICallback c in _callbacks) c.OnEpochEnd(_model, epoch, logs);
            }

            internal void TrainEnd()
            {
                foreach (ICallback c in _callbacks) c.OnTrainEnd(_model);
            }
        }
    }
}
