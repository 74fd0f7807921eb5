using System;
using System.IO;
using ModelGen.Onnx;

// modelgen-onnx MODEL.onnx [--out DIR] [--namespace NS] [--class NAME] [--frozen]
//
// Writes DIR/NAME.cs (the declaration) and DIR/NAME.safetensors (the weights). NAME defaults to the file name in
// PascalCase, DIR to the current directory, NS to "Imported". --frozen declares a frozen inference model with the
// weights compiled in ([FrozenWeights]) instead of a trainable [Model]. The lowering is OnnxImporter; this only reads
// arguments.

string? model = null, output = ".", ns = "Imported", className = null;
bool frozen = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length: output = args[++i]; break;
        case "--namespace" when i + 1 < args.Length: ns = args[++i]; break;
        case "--class" when i + 1 < args.Length: className = args[++i]; break;
        case "--frozen": frozen = true; break;
        case "-h" or "--help": return Usage(0);
        default:
            if (model is null && !args[i].StartsWith('-')) model = args[i];
            else return Usage(2, $"unexpected argument '{args[i]}'");
            break;
    }
}
if (model is null) return Usage(2, "no ONNX file given");

try
{
    string name = className ?? OnnxImporter.ClassNameFor(model);
    ImportedModel imported = OnnxImporter.Import(model, ns, name, frozen);
    (string cs, string weights) = imported.WriteTo(output, name);
    Console.WriteLine($"{model}: {imported.Layers.Count} Dense layers -> {cs}, {weights}");
    return 0;
}
catch (Exception e) when (e is OnnxImportException or InvalidDataException or IOException)
{
    Console.Error.WriteLine($"{model}: {e.Message}");
    return 1;
}

static int Usage(int code, string? problem = null)
{
    if (problem is not null) Console.Error.WriteLine("modelgen-onnx: " + problem);
    Console.Error.WriteLine("usage: modelgen-onnx MODEL.onnx [--out DIR] [--namespace NS] [--class NAME] [--frozen]");
    return code;
}
