using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security;
using System.Text;

namespace ModelGen
{
    /// <summary>
    /// A small line-chart writer for learning curves and the learning-rate finder: panels stacked vertically, each
    /// with a frame, "nice" tick values on both axes (log ticks on a log axis), axis labels, a title and a legend.
    /// Plain SVG 1.1 text, no scripts and no packages; each series is a <c>&lt;polyline&gt;</c> with
    /// <c>class="series"</c> and <c>data-series="name"</c> so tests and tools can find it.
    /// </summary>
    internal static class SvgPlot
    {
        internal const string TrainColor = "#1f77b4";
        internal const string ValidationColor = "#ff7f0e";
        internal const string RateColor = "#2ca02c";
        internal const string MarkerColor = "#d62728";

        internal sealed record Line(string Name, double[] X, double[] Y, string Color, bool Dashed);

        internal sealed record Panel(string Title, string XLabel, string YLabel, bool LogX, bool LogY, List<Line> Lines)
        {
            /// <summary>An optional vertical marker (the finder's suggested rate), with its label.</summary>
            public (double X, string Label)? Marker { get; init; }
        }

        private const double Width = 720, PanelHeight = 300, Top = 40, Left = 80, Right = 170, PlotTop = 30, PlotBottom = 50;

        internal static string Render(string title, IReadOnlyList<Panel> panels)
        {
            double height = Top + Math.Max(panels.Count, 1) * PanelHeight + 10;
            var sb = new StringBuilder();
            sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{F(Width)}\" height=\"{F(height)}\" viewBox=\"0 0 {F(Width)} {F(height)}\" font-family=\"sans-serif\" font-size=\"12\">\n");
            sb.Append($"  <rect x=\"0\" y=\"0\" width=\"{F(Width)}\" height=\"{F(height)}\" fill=\"white\"/>\n");
            sb.Append($"  <text x=\"{F(Width / 2)}\" y=\"24\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">{Escape(title)}</text>\n");
            if (panels.Count == 0) sb.Append($"  <text x=\"{F(Width / 2)}\" y=\"{F(Top + 40)}\" text-anchor=\"middle\">no epochs recorded</text>\n");
            for (int i = 0; i < panels.Count; i++) WritePanel(sb, panels[i], Top + i * PanelHeight);
            sb.Append("</svg>\n");
            return sb.ToString();
        }

        private static void WritePanel(StringBuilder sb, Panel panel, double y0)
        {
            double px = Left, py = y0 + PlotTop, pw = Width - Left - Right, ph = PanelHeight - PlotTop - PlotBottom;
            Range(panel.Lines, x: true, panel.LogX, out double xMin, out double xMax);
            Range(panel.Lines, x: false, panel.LogY, out double yMin, out double yMax);
            double[] xTicks = panel.LogX ? LogTicks(ref xMin, ref xMax) : NiceTicks(ref xMin, ref xMax, integers: panel.XLabel == "epoch");
            double[] yTicks = panel.LogY ? LogTicks(ref yMin, ref yMax) : NiceTicks(ref yMin, ref yMax, integers: false);
            double MapX(double v) => px + pw * (Axis(v, panel.LogX) - Axis(xMin, panel.LogX)) / (Axis(xMax, panel.LogX) - Axis(xMin, panel.LogX));
            double MapY(double v) => py + ph - ph * (Axis(v, panel.LogY) - Axis(yMin, panel.LogY)) / (Axis(yMax, panel.LogY) - Axis(yMin, panel.LogY));

            sb.Append($"  <g class=\"panel\" data-panel=\"{Escape(panel.Title)}\">\n");
            sb.Append($"    <text x=\"{F(px + pw / 2)}\" y=\"{F(y0 + 20)}\" text-anchor=\"middle\" font-size=\"14\">{Escape(panel.Title)}</text>\n");
            // Grid and tick labels.
            foreach (double t in xTicks)
            {
                double x = MapX(t);
                sb.Append($"    <line x1=\"{F(x)}\" y1=\"{F(py)}\" x2=\"{F(x)}\" y2=\"{F(py + ph)}\" stroke=\"#e0e0e0\"/>\n");
                sb.Append($"    <text x=\"{F(x)}\" y=\"{F(py + ph + 16)}\" text-anchor=\"middle\">{Escape(Tick(t, panel.LogX))}</text>\n");
            }
            foreach (double t in yTicks)
            {
                double y = MapY(t);
                sb.Append($"    <line x1=\"{F(px)}\" y1=\"{F(y)}\" x2=\"{F(px + pw)}\" y2=\"{F(y)}\" stroke=\"#e0e0e0\"/>\n");
                sb.Append($"    <text x=\"{F(px - 6)}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{Escape(Tick(t, panel.LogY))}</text>\n");
            }
            sb.Append($"    <rect class=\"axes\" x=\"{F(px)}\" y=\"{F(py)}\" width=\"{F(pw)}\" height=\"{F(ph)}\" fill=\"none\" stroke=\"black\"/>\n");
            sb.Append($"    <text x=\"{F(px + pw / 2)}\" y=\"{F(py + ph + 36)}\" text-anchor=\"middle\">{Escape(panel.XLabel)}</text>\n");
            sb.Append($"    <text x=\"{F(px - 58)}\" y=\"{F(py + ph / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 {F(px - 58)} {F(py + ph / 2)})\">{Escape(panel.YLabel)}</text>\n");

            foreach (Line line in panel.Lines)
            {
                var points = new StringBuilder();
                for (int i = 0; i < line.X.Length; i++)
                {
                    if (!Plottable(line.X[i], panel.LogX) || !Plottable(line.Y[i], panel.LogY)) continue;
                    if (points.Length > 0) points.Append(' ');
                    points.Append(F(MapX(line.X[i]))).Append(',').Append(F(MapY(Math.Clamp(line.Y[i], yMin, yMax))));
                }
                string dash = line.Dashed ? " stroke-dasharray=\"6 4\"" : "";
                // Dots on short series (learning curves of a few epochs), so a single epoch is still visible.
                if (line.X.Length <= 60)
                {
                    foreach (string point in points.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        string[] xy = point.Split(',');
                        sb.Append($"    <circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"3\" fill=\"{line.Color}\"/>\n");
                    }
                }
                sb.Append($"    <polyline class=\"series\" data-series=\"{Escape(line.Name)}\" points=\"{points}\" fill=\"none\" stroke=\"{line.Color}\" stroke-width=\"2\"{dash}/>\n");
            }
            if (panel.Marker is { } marker && Plottable(marker.X, panel.LogX))
            {
                double x = MapX(Math.Clamp(marker.X, xMin, xMax));
                sb.Append($"    <line class=\"marker\" x1=\"{F(x)}\" y1=\"{F(py)}\" x2=\"{F(x)}\" y2=\"{F(py + ph)}\" stroke=\"{MarkerColor}\" stroke-dasharray=\"3 3\"/>\n");
            }

            // Legend, right of the plot.
            double lx = px + pw + 16, ly = py + 10;
            var entries = new List<(string Name, string Color, bool Dashed)>();
            foreach (Line line in panel.Lines) entries.Add((line.Name, line.Color, line.Dashed));
            if (panel.Marker is { } m) entries.Add((m.Label, MarkerColor, true));
            sb.Append("    <g class=\"legend\">\n");
            for (int i = 0; i < entries.Count; i++)
            {
                double y = ly + i * 20;
                string dash = entries[i].Dashed ? " stroke-dasharray=\"6 4\"" : "";
                sb.Append($"      <line x1=\"{F(lx)}\" y1=\"{F(y)}\" x2=\"{F(lx + 24)}\" y2=\"{F(y)}\" stroke=\"{entries[i].Color}\" stroke-width=\"2\"{dash}/>\n");
                sb.Append($"      <text x=\"{F(lx + 30)}\" y=\"{F(y + 4)}\">{Escape(entries[i].Name)}</text>\n");
            }
            sb.Append("    </g>\n");
            sb.Append("  </g>\n");
        }

        private static bool Plottable(double v, bool log) => double.IsFinite(v) && (!log || v > 0);

        private static double Axis(double v, bool log) => log ? Math.Log10(v) : v;

        private static void Range(List<Line> lines, bool x, bool log, out double min, out double max)
        {
            min = double.PositiveInfinity;
            max = double.NegativeInfinity;
            foreach (Line line in lines)
            {
                foreach (double v in x ? line.X : line.Y)
                {
                    if (!Plottable(v, log)) continue;
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }
            if (min > max) { min = log ? 0.1 : 0; max = log ? 1 : 1; }
            if (min == max)
            {
                double pad = log ? 0 : Math.Max(Math.Abs(min) * 0.1, 1e-3);
                if (log) { min /= 2; max *= 2; } else { min -= pad; max += pad; }
            }
        }

        /// <summary>About five ticks at 1, 2 or 5 × 10^k, widening the range to whole ticks.</summary>
        private static double[] NiceTicks(ref double min, ref double max, bool integers)
        {
            double raw = (max - min) / 5;
            double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            double step = raw / magnitude < 1.5 ? magnitude : raw / magnitude < 3.5 ? 2 * magnitude : raw / magnitude < 7.5 ? 5 * magnitude : 10 * magnitude;
            if (integers) step = Math.Max(1, Math.Round(step));
            double first = Math.Floor(min / step) * step, last = Math.Ceiling(max / step) * step;
            if (!integers) { min = first; max = last; }
            var ticks = new List<double>();
            for (double t = first; t <= last + step * 1e-9; t += step)
            {
                if (t >= min - step * 1e-9 && t <= max + step * 1e-9) ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
            }
            return ticks.ToArray();
        }

        /// <summary>Ticks at the powers of ten, widening the range to whole decades.</summary>
        private static double[] LogTicks(ref double min, ref double max)
        {
            int lo = (int)Math.Floor(Math.Log10(min)), hi = (int)Math.Ceiling(Math.Log10(max));
            if (hi == lo) hi++;
            min = Math.Pow(10, lo);
            max = Math.Pow(10, hi);
            int every = Math.Max(1, (hi - lo + 7) / 8);
            var ticks = new List<double>();
            for (int k = lo; k <= hi; k += every) ticks.Add(Math.Pow(10, k));
            return ticks.ToArray();
        }

        private static string Tick(double v, bool log) =>
            log ? v.ToString("0e0", CultureInfo.InvariantCulture) : v.ToString(Math.Abs(v) >= 1e4 || (v != 0 && Math.Abs(v) < 1e-3) ? "0.##e0" : "0.####", CultureInfo.InvariantCulture);

        private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

        private static string Escape(string text) => SecurityElement.Escape(text) ?? "";
    }
}
