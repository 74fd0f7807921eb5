using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;

namespace ModelGen.Generators.Tests.Fuzzing
{
    /// <summary>A case as C# source: the text, and for each model the span of text it owns and its generated file's name.</summary>
    internal sealed record WrittenCase(string Text, ImmutableArray<WrittenModel> Models);

    /// <param name="Start">Where the model's text starts (its base class, wrapper and attributes included).</param>
    /// <param name="End">Where it ends (exclusive).</param>
    /// <param name="HintName">The file the generator must add for it when valid: <c>{Namespace}.{Type}.g.cs</c>, without '@'.</param>
    /// <param name="Original">The model as generated, before the batch made its names unique.</param>
    internal sealed record WrittenModel(ModelSpec Spec, ModelSpec Original, int Start, int End, string HintName)
    {
        public bool Contains(int position) => position >= Start && position < End;
    }

    /// <summary>
    /// Writes a <see cref="CaseSpec"/> as a source file. With a <c>slot</c> above zero it makes the case's names unique
    /// so many cases share one compilation (the batch): a namespaced model moves under <c>S{slot}.</c>, a model in the
    /// global namespace gets the suffix <c>_S{slot}</c> on its type names. Slot 0 writes the case as generated; that is
    /// the text a failure prints and a regression test keeps.
    /// </summary>
    internal static class DeclarationWriter
    {
        public static WrittenCase Write(CaseSpec spec, int slot = 0)
        {
            var w = new StringBuilder();
            string prefix = spec.Spelling switch
            {
                Spelling.GlobalQualified => "global::ModelGen.",
                Spelling.Alias => "MG.",
                _ => "",
            };
            if (spec.Spelling == Spelling.Using) w.Append("using ModelGen;\n");
            if (spec.Spelling == Spelling.Alias) w.Append("using MG = global::ModelGen;\n");
            w.Append('\n');

            var models = ImmutableArray.CreateBuilder<WrittenModel>();
            foreach (ModelSpec original in spec.Models)
            {
                ModelSpec model = Unique(original, slot);
                int start = w.Length;
                WriteModel(w, model, prefix, spec.Spelling);
                models.Add(new WrittenModel(model, original, start, w.Length, HintName(model)));
                w.Append('\n');
            }
            return new WrittenCase(w.ToString(), models.ToImmutable());
        }

        private static ModelSpec Unique(ModelSpec model, int slot)
        {
            if (slot == 0) return model;
            if (model.Namespace.Style == NamespaceStyle.Global) return model with { Class = model.Class with { Name = model.Class.Name + "_S" + slot } };
            return model with { Namespace = model.Namespace with { Segments = model.Namespace.Segments.Insert(0, "S" + slot) } };
        }

        private static string HintName(ModelSpec model)
        {
            string ns = string.Join(".", model.Namespace.Segments.Select(s => s.TrimStart('@')));
            return (ns.Length > 0 ? ns + "." : "") + model.Class.Name.TrimStart('@') + ".g.cs";
        }

        private static void WriteModel(StringBuilder w, ModelSpec model, string prefix, Spelling spelling)
        {
            NamespaceSpec ns = model.Namespace;
            int depth = 0;
            switch (ns.Style)
            {
                case NamespaceStyle.Block:
                    w.Append("namespace ").Append(string.Join(".", ns.Segments)).Append("\n{\n");
                    depth = 1;
                    break;
                case NamespaceStyle.FileScoped:
                    w.Append("namespace ").Append(string.Join(".", ns.Segments)).Append(";\n\n");
                    break;
                case NamespaceStyle.Nested:
                    foreach (string segment in ns.Segments)
                    {
                        Indent(w, depth).Append("namespace ").Append(segment).Append('\n');
                        Indent(w, depth++).Append("{\n");
                    }
                    break;
            }

            ClassSpec c = model.Class;
            string bare = c.Name.TrimStart('@');
            if (c.Base == BaseKind.UserClass)
            {
                Indent(w, depth).Append("public class ").Append(bare).Append("Base { }\n\n");
            }
            if (c.Nesting != Nesting.None)
            {
                Indent(w, depth).Append("public partial ").Append(c.Nesting == Nesting.InStruct ? "struct " : "class ").Append(bare).Append("Outer\n");
                Indent(w, depth++).Append("{\n");
            }

            List<string> attributes = model.Layers.Select(l => Layer(l, prefix, spelling)).ToList();
            int split = c.SplitAt ?? attributes.Count;
            List<string> first = attributes.Take(split).ToList(), second = attributes.Skip(split).ToList();
            string modelAttribute = Options(model.Options, prefix, spelling);
            first.Insert(System.Math.Clamp(model.Options.Position, 0, first.Count), modelAttribute);
            if (model.Options.Twice) first.Add(modelAttribute);
            if (model.Foreign) first.Insert(first.Count / 2 + 1 > first.Count ? first.Count : first.Count / 2 + 1, "global::System.Serializable");

            WriteDeclaration(w, depth, c, bare, first, model.OneAttributeList);
            if (second.Count > 0)
            {
                w.Append('\n');
                WriteDeclaration(w, depth, c with { Base = BaseKind.None, Accessibility = "" }, bare, second, model.OneAttributeList);
            }

            if (c.Nesting != Nesting.None) Indent(w, --depth).Append("}\n");
            while (depth > 0) Indent(w, --depth).Append("}\n");
        }

        private static void WriteDeclaration(StringBuilder w, int depth, ClassSpec c, string bare, List<string> attributes, bool oneList)
        {
            if (oneList && attributes.Count > 0)
            {
                Indent(w, depth).Append('[').Append(string.Join(", ", attributes)).Append("]\n");
            }
            else
            {
                foreach (string attribute in attributes) Indent(w, depth).Append('[').Append(attribute).Append("]\n");
            }
            Indent(w, depth);
            if (c.Accessibility.Length > 0) w.Append(c.Accessibility).Append(' ');
            if (c.FileLocal) w.Append("file ");
            if (c.Static) w.Append("static ");
            if (c.Modifier.Length > 0) w.Append(c.Modifier).Append(' ');
            if (c.Partial) w.Append("partial ");
            w.Append(c.Kind switch
            {
                TypeKind.Struct => "struct ",
                TypeKind.Record => "record ",
                TypeKind.RecordStruct => "record struct ",
                TypeKind.Interface => "interface ",
                _ => "class ",
            });
            w.Append(c.Name);
            if (c.Generic) w.Append("<T>");
            switch (c.Base)
            {
                case BaseKind.UserClass: w.Append(" : ").Append(bare).Append("Base"); break;
                case BaseKind.ExplicitObject: w.Append(" : object"); break;
                case BaseKind.Interface: w.Append(" : global::System.IDisposable"); break;
            }
            w.Append(c.SemicolonBody ? ";\n" : " { }\n");
        }

        private static StringBuilder Indent(StringBuilder w, int depth) => w.Append(' ', depth * 4);

        /// <summary>The attribute's name: short under a using, the full class name when qualified.</summary>
        private static string Name(string shortName, string prefix, Spelling spelling) =>
            prefix + shortName + (spelling == Spelling.GlobalQualified ? "Attribute" : "");

        private static string Options(OptionsSpec o, string prefix, Spelling spelling)
        {
            var args = new List<string>();
            if (o.Loss is not null) args.Add("Loss = " + o.Loss.Text);
            if (o.Optimizer is not null) args.Add("Optimizer = " + o.Optimizer.Text);
            if (o.LearningRate is not null) args.Add("LearningRate = " + o.LearningRate.Text);
            if (o.FromLogits is not null) args.Add("FromLogits = " + o.FromLogits.Text);
            if (o.UnrollThreshold is not null) args.Add("UnrollThreshold = " + o.UnrollThreshold.Text);
            args.AddRange(o.Settings.Select(a => a.Text));
            if (o.Extra is not null) args.Add(o.Extra);
            return Attribute(Name("Model", prefix, spelling), args, prefix);
        }

        private static string Layer(LayerSpec l, string prefix, Spelling spelling)
        {
            var args = new List<string>();
            switch (l.Kind)
            {
                case LayerKind.Input:
                    switch (l.Shape)
                    {
                        case ShapeForm.Params:
                            args.AddRange(l.Dims.Select(d => d.Text));
                            break;
                        case ShapeForm.Array:
                            args.Add(l.Dims.Length == 0 ? "new int[0]" : "new int[] { " + string.Join(", ", l.Dims.Select(d => d.Text)) + " }");
                            break;
                        case ShapeForm.NullArray:
                            args.Add("null");
                            break;
                    }
                    break;
                case LayerKind.Dense:
                    if (l.Units is not null) args.Add(l.Units.Text);
                    // Without units the activation is named, or it would bind to units and compile.
                    if (l.Activation is not null) args.Add((l.ActivationByName || l.Units is null ? "activation: " : "") + l.Activation.Text);
                    if (l.UseBias is not null) args.Add("UseBias = " + l.UseBias.Text);
                    if (l.KernelInit is not null) args.Add("KernelInit = " + l.KernelInit.Text);
                    if (l.BiasInit is not null) args.Add("BiasInit = " + l.BiasInit.Text);
                    args.AddRange(l.InitArgs.Select(a => a.Text));
                    args.AddRange(l.ActivationArgs.Select(a => a.Text));
                    break;
            }
            if (l.Name is not null) args.Add("Name = " + l.Name.Text);
            if (l.Extra is not null) args.Add(l.Extra);
            return Attribute(Name(l.Kind.ToString(), prefix, spelling), args, prefix);
        }

        private static string Attribute(string name, List<string> args, string prefix) =>
            (args.Count == 0 ? name : name + "(" + string.Join(", ", args) + ")").Replace("§", prefix);
    }
}
