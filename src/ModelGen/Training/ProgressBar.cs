using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace ModelGen
{
    /// <summary>
    /// Fit's live progress line for a terminal: steps done, a bar, the running loss, the learning rate and the
    /// estimated time left, redrawn in place with '\r' at most every <see cref="RedrawInterval"/>; at the epoch's end
    /// it is replaced by the same summary line Fit prints when the output is redirected. Used only when
    /// <see cref="Console.IsOutputRedirected"/> is false, so logs and CI output keep plain lines.
    /// </summary>
    internal sealed class ProgressBar
    {
        /// <summary>The shortest time between two redraws: drawing every batch would cost more than small batches.</summary>
        internal static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

        private const int BarWidth = 30;
        private readonly TextWriter _out;
        private readonly int _epochs;
        private readonly long _interval;
        private int _epoch, _batches, _lastWidth;
        private long _start, _lastDraw;

        internal ProgressBar(TextWriter output, int epochs, TimeSpan? interval = null)
        {
            _out = output;
            _epochs = epochs;
            _interval = (long)((interval ?? RedrawInterval).TotalSeconds * Stopwatch.Frequency);
        }

        internal void Begin(int epoch, int batches)
        {
            _epoch = epoch;
            _batches = batches;
            _start = Stopwatch.GetTimestamp();
            _lastDraw = long.MinValue / 2;
            _lastWidth = 0;
        }

        internal void Update(int done, double runningLoss, float learningRate)
        {
            long now = Stopwatch.GetTimestamp();
            if (now - _lastDraw < _interval && done < _batches) return;
            _lastDraw = now;
            double elapsed = (now - _start) / (double)Stopwatch.Frequency;
            Draw(Render(_epoch, _epochs, done, _batches, runningLoss, learningRate, elapsed));
        }

        internal void End(string summary)
        {
            Draw(summary);
            _out.WriteLine();
            _out.Flush();
            _lastWidth = 0;
        }

        private void Draw(string line)
        {
            // '\r' returns to the line's start; spaces erase the rest of a longer previous line.
            _out.Write('\r');
            _out.Write(line);
            if (line.Length < _lastWidth) _out.Write(new string(' ', _lastWidth - line.Length));
            _lastWidth = line.Length;
            _out.Flush();
        }

        /// <summary>"Epoch 2/10 [=========>....................] 120/469 - ETA 4s - loss: 0.4321 - lr: 1.000e-03".</summary>
        internal static string Render(int epoch, int epochs, int done, int batches, double runningLoss, float learningRate, double elapsedSeconds)
        {
            var sb = new StringBuilder(96);
            sb.Append("Epoch ").Append(epoch + 1).Append('/').Append(epochs).Append(" [");
            int filled = batches == 0 ? BarWidth : (int)((long)BarWidth * done / batches);
            for (int i = 0; i < BarWidth; i++) sb.Append(i < filled ? '=' : i == filled ? '>' : '.');
            sb.Append("] ").Append(done).Append('/').Append(batches);
            double eta = done == 0 ? double.NaN : elapsedSeconds / done * (batches - done);
            sb.Append(" - ETA ").Append(FormatSeconds(eta));
            sb.Append(" - loss: ").Append(runningLoss.ToString("F4", CultureInfo.InvariantCulture));
            sb.Append(" - lr: ").Append(learningRate.ToString("0.000e+00", CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        internal static string FormatSeconds(double seconds)
        {
            if (double.IsNaN(seconds) || double.IsInfinity(seconds)) return "?";
            if (seconds < 60) return ((int)Math.Ceiling(seconds)).ToString(CultureInfo.InvariantCulture) + "s";
            var t = TimeSpan.FromSeconds(Math.Ceiling(seconds));
            return t.TotalHours >= 1
                ? ((int)t.TotalHours).ToString(CultureInfo.InvariantCulture) + ":" + t.ToString(@"mm\:ss", CultureInfo.InvariantCulture)
                : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
        }
    }
}
