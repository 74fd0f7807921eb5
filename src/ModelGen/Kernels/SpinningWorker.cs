using System;
using System.Threading;

namespace ModelGen.Kernels
{
    /// <summary>
    /// A second thread that runs half of a kernel while the caller runs the other half. It spins between jobs (a
    /// hand-off costs well under a microsecond, where waking a parked thread costs tens), and parks itself after a
    /// few milliseconds without work so an idle model does not burn a core. No allocation per job: the job is a
    /// function pointer and the model it runs on.
    /// </summary>
    /// <remarks>
    /// The second half is claimed, not assigned: whoever gets to it first (the worker, or the caller once its own half
    /// is done) runs it. With two cores and anything else running, the worker can lose its core for a whole
    /// scheduler tick (4 ms); the caller then simply does both halves instead of spinning through that tick.
    /// </remarks>
    public sealed unsafe class SpinningWorker : IDisposable
    {
        private const int SpinsBeforeParking = 20_000;

        private readonly Thread _thread;
        private readonly ManualResetEventSlim _wake = new(false);
        private delegate*<CompiledModel, int, void> _job;
        private CompiledModel? _model;
        private long _posted;
        private long _claimed;
        private long _done;
        private int _parked;
        private volatile bool _disposed;

        /// <summary>Starts the worker thread (a background thread: it never keeps the process alive).</summary>
        public SpinningWorker()
        {
            _thread = new Thread(Loop) { IsBackground = true, Name = "ModelGen worker" };
            _thread.Start();
        }

        /// <summary>
        /// Runs <c>job(model, 1)</c> on the worker and <c>job(model, 0)</c> on the calling thread, and returns when both
        /// are done. The two halves must write disjoint memory.
        /// </summary>
        public void RunBoth(delegate*<CompiledModel, int, void> job, CompiledModel model)
        {
            _job = job;
            _model = model;
            // Interlocked: a full fence between publishing the job and reading _parked (the worker does the mirror
            // image), so either the worker sees the job or this thread sees it parked and wakes it.
            long ticket = Interlocked.Increment(ref _posted);
            if (Volatile.Read(ref _parked) == 1) _wake.Set();
            job(model, 0);
            if (Claim(ticket))
            {
                job(model, 1); // the worker had not started it: faster to do it here than to wait for it
            }
            else
            {
                var spin = new SpinWait();
                while (Volatile.Read(ref _done) != ticket) spin.SpinOnce(sleep1Threshold: -1);
            }
            _model = null;
        }

        /// <summary>Claims the second half of job <paramref name="ticket"/>; exactly one claim per ticket succeeds.</summary>
        private bool Claim(long ticket) => Interlocked.CompareExchange(ref _claimed, ticket, ticket - 1) == ticket - 1;

        private void Loop()
        {
            long seen = 0;
            while (!_disposed)
            {
                int spins = 0;
                while (Volatile.Read(ref _posted) == seen)
                {
                    if (_disposed) return;
                    if (++spins < SpinsBeforeParking)
                    {
                        Thread.SpinWait(8);
                        continue;
                    }
                    Interlocked.Exchange(ref _parked, 1);
                    if (Volatile.Read(ref _posted) == seen && !_disposed) _wake.Wait();
                    _wake.Reset();
                    Interlocked.Exchange(ref _parked, 0);
                    spins = 0;
                }
                if (_disposed) return;
                seen = Volatile.Read(ref _posted);
                if (Claim(seen))
                {
                    _job(_model!, 1);
                    Volatile.Write(ref _done, seen);
                }
            }
        }

        /// <summary>Asks the thread to stop; it exits at its next check (no join: safe from a finalizer).</summary>
        public void Dispose()
        {
            _disposed = true;
            _wake.Set();
        }
    }
}
