using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Validation
{
    /// <summary>
    /// Binds a [FrozenWeights] model to its file: finds the file among the additional files, checks every tensor's
    /// name, dtype and shape against the declaration (each problem a diagnostic at the attribute that declares the
    /// tensor, with both shapes), and packs the weights in the layout the kernels read.
    /// </summary>
    public static class FrozenWeightsBinder
    {
        /// <summary>Binds <paramref name="request"/> to the one file of <paramref name="files"/> its path names.</summary>
        public static Result<FrozenPlan> Bind(FrozenRequest request, IReadOnlyList<WeightsFile> files)
        {
            string wanted = Normalize(request.WeightsPath);
            WeightsFile[] matches = files.Where(f => Matches(Normalize(f.Path), wanted)).ToArray();
            if (matches.Length == 0)
            {
                return Fail(DiagnosticInfo.Create(DiagnosticDescriptors.FrozenWeightsFileNotFound, request.AttributeLocation,
                    request.Model.ClassName, request.WeightsPath));
            }
            if (matches.Length > 1)
            {
                return Fail(DiagnosticInfo.Create(DiagnosticDescriptors.FrozenWeightsFileAmbiguous, request.AttributeLocation,
                    request.WeightsPath, string.Join(", ", matches.Select(m => m.Path))));
            }
            WeightsFile file = matches[0];
            if (file.Error is { } error)
            {
                return Fail(DiagnosticInfo.Create(DiagnosticDescriptors.FrozenWeightsFileUnreadable, request.AttributeLocation,
                    file.Path, error));
            }

            var byName = new Dictionary<string, FileTensor>(System.StringComparer.Ordinal);
            foreach (FileTensor t in file.Tensors) byName[t.Name] = t;
            string held = file.Tensors.Count == 0 ? "no tensors" : string.Join(", ", file.Tensors.Select(t => $"{t.Name} {t.ShapeText}"));
            var diagnostics = new List<DiagnosticInfo>();
            DensePlan[] steps = request.Model.DenseSteps.ToArray();
            var kernels = new float[]?[steps.Length];
            var biases = new float[]?[steps.Length];
            var parameters = new float[]?[steps.Length];
            var normalizations = new FrozenBatchNormBinder.Statistics?[steps.Length];
            for (int i = 0; i < steps.Length; i++)
            {
                DensePlan d = steps[i];
                LocationInfo? at = i < request.DenseLocations.Count ? request.DenseLocations[i].Location : request.AttributeLocation;
                kernels[i] = ReadKernel(d, byName, at, file, held, diagnostics);
                biases[i] = d.UseBias ? ReadBias(d, byName, at, file, held, diagnostics) : System.Array.Empty<float>();
                parameters[i] = FrozenBatchNormBinder.ReadActivationParameter(d, byName, at, FileName(file.Path), held, diagnostics);
                if (d.BatchNorm is { } bn)
                {
                    LocationInfo? bnAt = request.BatchNormLocations.FirstOrDefault(s => s.Name == bn.Name)?.Location ?? at;
                    normalizations[i] = FrozenBatchNormBinder.Read(bn, byName, bnAt, FileName(file.Path), held, diagnostics);
                }
            }
            if (diagnostics.Count > 0) return new Result<FrozenPlan>(null, diagnostics.ToEquatableArray());
            var layers = new List<FrozenDense>();
            for (int i = 0; i < steps.Length; i++)
            {
                layers.Add(FrozenBatchNormBinder.Layer(steps, i, kernels[i]!, biases[i]!, parameters[i], normalizations, Pack, Pad));
            }
            return new Result<FrozenPlan>(new FrozenPlan(request.Model, FileName(file.Path), layers.ToEquatableArray(), request.AlignWeights), EquatableArray<DiagnosticInfo>.Empty);
        }

        /// <summary>
        /// <c>{layer}.kernel</c> [inputs, units] as the trainable model's Save writes it, or PyTorch's
        /// <c>{layer}.weight</c> [units, inputs] transposed, as its Load accepts it.
        /// </summary>
        private static float[]? ReadKernel(DensePlan d, Dictionary<string, FileTensor> byName, LocationInfo? at, WeightsFile file, string held, List<DiagnosticInfo> diagnostics)
        {
            string name = d.Name + ".kernel";
            int[] shape = { d.Inputs, d.Units };
            if (byName.TryGetValue(name, out FileTensor? kernel))
            {
                return Check(kernel, shape, d.Name, at, file, diagnostics) ? kernel.Values.AsSpan().ToArray() : null;
            }
            if (byName.TryGetValue(d.Name + ".weight", out FileTensor? weight))
            {
                if (!Check(weight, new[] { d.Units, d.Inputs }, d.Name, at, file, diagnostics)) return null;
                var values = new float[d.Inputs * d.Units];
                for (int o = 0; o < d.Units; o++)
                {
                    for (int i = 0; i < d.Inputs; i++) values[i * d.Units + o] = weight.Values[o * d.Inputs + i];
                }
                return values;
            }
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FrozenTensorMissing, at,
                FileName(file.Path), name, FileTensor.FormatShape(shape.ToEquatableArray()), d.Name, held));
            return null;
        }

        private static float[]? ReadBias(DensePlan d, Dictionary<string, FileTensor> byName, LocationInfo? at, WeightsFile file, string held, List<DiagnosticInfo> diagnostics)
        {
            string name = d.Name + ".bias";
            int[] shape = { d.Units };
            if (!byName.TryGetValue(name, out FileTensor? bias))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FrozenTensorMissing, at,
                    FileName(file.Path), name, FileTensor.FormatShape(shape.ToEquatableArray()), d.Name, held));
                return null;
            }
            return Check(bias, shape, d.Name, at, file, diagnostics) ? bias.Values.AsSpan().ToArray() : null;
        }

        private static bool Check(FileTensor tensor, int[] expected, string layer, LocationInfo? at, WeightsFile file, List<DiagnosticInfo> diagnostics) =>
            Check(tensor, expected, layer, at, FileName(file.Path), diagnostics);

        /// <summary>The tensor's dtype and shape against the declaration's (MG0104, MG0103 at <paramref name="at"/>).</summary>
        internal static bool Check(FileTensor tensor, int[] expected, string layer, LocationInfo? at, string fileName, List<DiagnosticInfo> diagnostics)
        {
            if (!FileTensor.IsSupported(tensor.Dtype))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FrozenTensorDtype, at, fileName, tensor.Name, tensor.Dtype));
                return false;
            }
            if (!tensor.Shape.SequenceEqual(expected))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FrozenTensorShape, at, fileName, tensor.Name,
                    tensor.ShapeText, FileTensor.FormatShape(expected.ToEquatableArray()), layer));
                return false;
            }
            return true;
        }

        /// <summary>The row-major [inputs, units] kernel in the packed panel layout the micro-kernels read.</summary>
        internal static EquatableArray<float> Pack(DensePlan d, float[] kernel)
        {
            var packed = new float[d.Inputs * d.PaddedUnits];
            for (int row = 0; row < d.Inputs; row++)
            {
                for (int column = 0; column < d.Units; column++) packed[d.PackedOffset(row, column)] = kernel[row * d.Units + column];
            }
            return packed.ToEquatableArray();
        }

        internal static EquatableArray<float> Pad(float[] values, int length)
        {
            var padded = new float[length];
            System.Array.Copy(values, padded, System.Math.Min(values.Length, length));
            return padded.ToEquatableArray();
        }

        /// <summary>
        /// The matching rule: the additional file's full path ends with the declared path at a folder boundary, so
        /// "weights/fashion.safetensors" names ".../Project/weights/fashion.safetensors" and so does "fashion.safetensors".
        /// </summary>
        private static bool Matches(string fullPath, string wanted) =>
            fullPath == wanted || (fullPath.EndsWith(wanted, System.StringComparison.Ordinal) && fullPath[fullPath.Length - wanted.Length - 1] == '/');

        private static string Normalize(string path)
        {
            string p = path.Replace('\\', '/');
            while (p.StartsWith("./", System.StringComparison.Ordinal)) p = p.Substring(2);
            return p;
        }

        private static string FileName(string path)
        {
            string p = Normalize(path);
            int slash = p.LastIndexOf('/');
            return slash < 0 ? p : p.Substring(slash + 1);
        }

        private static Result<FrozenPlan> Fail(DiagnosticInfo info) => new(null, new EquatableArray<DiagnosticInfo>(new[] { info }));
    }
}
