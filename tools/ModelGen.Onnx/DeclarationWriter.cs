using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ModelGen.Onnx
{
    /// <summary>Writes the imported model as a ModelGen declaration: deterministic text, '\n' line ends, no paths or dates.</summary>
    internal static class DeclarationWriter
    {
        public static string Write(OnnxModel model, ImportOptions options, int[] inputShape, bool flatten, IReadOnlyList<ImportedDense> layers)
        {
            var w = new StringBuilder();
            string producer = (model.ProducerName + " " + model.ProducerVersion).Trim();
            Line(w, $"// Written by ModelGen.Onnx from {options.SourceName} ({(producer.Length > 0 ? producer + ", " : "")}ONNX opset {model.DefaultOpset}); regenerate it rather than edit it.");
            Line(w, options.Frozen
                ? $"// The weights are {options.ClassName}.safetensors (Keras names and layouts), compiled in: pass it to the compiler as an AdditionalFiles item."
                : $"// The weights are {options.ClassName}.safetensors (Keras names and layouts): model.Load(path).");
            Line(w, "using ModelGen;");
            Line(w, "");
            Line(w, $"namespace {options.Namespace}");
            Line(w, "{");
            string summary = $"[{string.Join(", ", inputShape)}]" + (flatten ? " → flatten" : "") +
                string.Concat(layers.Select(d => $" → {d.Units} {Name(d.Activation!.Value)}"));
            Line(w, $"    /// <summary>Imported from ONNX: {summary}.</summary>");
            if (options.Frozen)
            {
                Line(w, "    /// <remarks>Frozen: inference only, the weights compiled into the assembly (docs/embedding.md).</remarks>");
                Line(w, $"    [FrozenWeights(\"{options.ClassName}.safetensors\")]");
            }
            else
            {
                Line(w, "    /// <remarks>The loss and optimizer are ModelGen's defaults: an ONNX file holds the inference graph only.</remarks>");
                Line(w, "    [Model]");
            }
            Line(w, $"    [Input({string.Join(", ", inputShape)})]");
            if (flatten) Line(w, "    [Flatten]");
            foreach (ImportedDense d in layers)
            {
                var args = new List<string> { d.Units.ToString(CultureInfo.InvariantCulture) };
                if (d.Activation != Activation.Identity) args.Add("Activation." + d.Activation);
                if (d.Bias is null) args.Add("UseBias = false");
                if (d.Activation == Activation.LeakyRelu) args.Add("NegativeSlope = " + Float(d.NegativeSlope));
                if (d.Activation == Activation.Elu) args.Add("Alpha = " + Float(d.Alpha));
                args.Add($"Name = \"{d.Name}\"");
                Line(w, $"    [Dense({string.Join(", ", args)})] // {string.Join(", ", d.Sources)}");
            }
            Line(w, $"    public partial class {options.ClassName};");
            Line(w, "}");
            return w.ToString();
        }

        private static string Name(Activation a) => a == Activation.Identity ? "linear" : a.ToString();

        // Shortest text that reads back as the same float.
        private static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";

        private static void Line(StringBuilder w, string text) => w.Append(text).Append('\n');
    }
}
