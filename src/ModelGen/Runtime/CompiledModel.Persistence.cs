using System;
using System.Collections.Generic;
using System.IO;

namespace ModelGen
{
    public abstract unsafe partial class CompiledModel
    {
        /// <summary>
        /// Saves every parameter tensor to a safetensors file (F32, Keras names and layouts: <c>dense.kernel</c> is
        /// [inputs, units]). The file is written to a temporary name and moved into place, so a crash mid-write
        /// leaves any previous file intact.
        /// </summary>
        public void Save(string path)
        {
            ThrowIfDisposed();
            DownloadState();
            var tensors = new List<SafeTensor>(_layout.Tensors.Length);
            foreach (TensorSpec spec in _layout.Tensors)
            {
                tensors.Add(new SafeTensor(spec.Name, "F32", (int[])spec.Shape.Clone(), Load(Parameters, spec)));
            }
            var metadata = new Dictionary<string, string>
            {
                ["format"] = "modelgen",
                ["model"] = _layout.ModelName,
            };
            SafeTensors.Write(path, tensors, metadata);
        }

        /// <summary>
        /// Loads every parameter tensor from a safetensors file written by <see cref="Save"/>, by Keras, or by PyTorch:
        /// a tensor <c>{layer}.kernel</c> [inputs, units] is read as is; a PyTorch-style <c>{layer}.weight</c>
        /// [units, inputs] is transposed. Nothing is changed unless every tensor is present with the right shape.
        /// The optimizer state is reset, as for a freshly compiled model.
        /// </summary>
        public void Load(string path)
        {
            ThrowIfDisposed();
            LoadTensors(SafeTensors.Read(path), path);
        }

        /// <summary>
        /// Stages every parameter tensor from <paramref name="file"/> (keyed by this model's tensor names, or
        /// <c>{layer}.weight</c> for a transposed kernel), then stores them all, or none if any is missing or misshapen.
        /// </summary>
        private void LoadTensors(IReadOnlyDictionary<string, SafeTensor> file, string path)
        {
            var staged = new float[_layout.Tensors.Length][];
            for (int i = 0; i < staged.Length; i++)
            {
                staged[i] = ReadTensor(file, _layout.Tensors[i], path);
            }
            DownloadState();
            for (int i = 0; i < staged.Length; i++) Store(Parameters, _layout.Tensors[i], staged[i]);
            MarkParametersChanged();
            ResetOptimizer();
        }

        private float[] ReadTensor(IReadOnlyDictionary<string, SafeTensor> file, TensorSpec spec, string path)
        {
            if (file.TryGetValue(spec.Name, out SafeTensor? tensor))
            {
                RequireShape(tensor, spec.Shape, spec, path);
                return tensor.Data;
            }

            // PyTorch's nn.Linear stores weight [out, in]: accept it under the name "{layer}.weight", transposed.
            const string kernelSuffix = ".kernel";
            if (spec.Name.EndsWith(kernelSuffix, StringComparison.Ordinal) && spec.Shape.Length == 2)
            {
                string torchName = spec.Name.Substring(0, spec.Name.Length - kernelSuffix.Length) + ".weight";
                if (file.TryGetValue(torchName, out SafeTensor? weight))
                {
                    int inputs = spec.Shape[0], units = spec.Shape[1];
                    RequireShape(weight, new[] { units, inputs }, spec, path);
                    var kernel = new float[inputs * units];
                    for (int o = 0; o < units; o++)
                    {
                        for (int i = 0; i < inputs; i++) kernel[i * units + o] = weight.Data[o * inputs + i];
                    }
                    return kernel;
                }
            }
            // PyTorch's BatchNorm1d names: weight, bias, running_mean, running_var (same shapes as Keras' four).
            if (BatchNormTorchName(spec.Name) is { } torchBatchNorm && file.TryGetValue(torchBatchNorm, out SafeTensor? statistic))
            {
                RequireShape(statistic, spec.Shape, spec, path);
                return statistic.Data;
            }
            throw new InvalidDataException(
                $"{path}: no tensor '{spec.Name}' {spec.ShapeText} for {_layout.ModelName}. The file holds: {string.Join(", ", file.Keys)}.");
        }

        /// <summary>PyTorch's name for a BatchNormalization tensor ({layer}.gamma is {layer}.weight, ...); null for other tensors.</summary>
        private static string? BatchNormTorchName(string name)
        {
            foreach (var (keras, torch) in s_batchNormTorchNames)
            {
                if (name.EndsWith(keras, StringComparison.Ordinal)) return name.Substring(0, name.Length - keras.Length) + torch;
            }
            return null;
        }

        private static readonly (string Keras, string Torch)[] s_batchNormTorchNames =
        {
            (".gamma", ".weight"), (".beta", ".bias"), (".moving_mean", ".running_mean"), (".moving_variance", ".running_var"),
        };

        private void RequireShape(SafeTensor tensor, int[] expected, TensorSpec spec, string path)
        {
            if (tensor.Shape.AsSpan().SequenceEqual(expected)) return;
            throw new InvalidDataException(
                $"{path}: tensor '{tensor.Name}' has shape {TensorSpec.FormatShape(tensor.Shape)}, but {_layout.ModelName}'s " +
                $"'{spec.Name}' expects {TensorSpec.FormatShape(expected)}.");
        }
    }
}
