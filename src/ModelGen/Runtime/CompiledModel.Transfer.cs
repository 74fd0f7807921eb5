using System;
using System.Collections.Generic;
using System.IO;

namespace ModelGen
{
    /// <summary>
    /// Transfer learning: copying the weights of matching layers from another model or a safetensors file. "Replace
    /// the head" is: declare a new model whose lower layers have the same names and shapes as the trained one's,
    /// create it, and copy those layers (declare them <c>Trainable = false</c> to train the head alone).
    /// </summary>
    public abstract unsafe partial class CompiledModel
    {
        /// <summary>
        /// Copies every tensor of the named layers (Keras names, e.g. "dense", "dense_1") from <paramref name="source"/>,
        /// by tensor name. With no names, every layer present in both models is copied. Each copied layer must have
        /// the same tensors with the same shapes in both; nothing is changed unless every check passes. The optimizer
        /// state is left as it is (as Keras' <c>set_weights</c>). Returns the layers copied, in this model's order.
        /// </summary>
        public IReadOnlyList<string> CopyLayersFrom(CompiledModel source, params string[] layers)
        {
            ArgumentNullException.ThrowIfNull(source);
            ThrowIfDisposed();
            source.ThrowIfDisposed();
            var available = new Dictionary<string, (int[] Shape, Func<float[]> Read)>(StringComparer.Ordinal);
            foreach (TensorSpec t in source._layout.Tensors)
            {
                TensorSpec spec = t;
                available[t.Name] = (t.Shape, () => source.ReadParameter(spec.Name));
            }
            return CopyLayers(available, source._layout.ModelName, layers);
        }

        /// <summary>
        /// Copies every tensor of the named layers from a safetensors file (as <see cref="Save"/>, Keras or PyTorch write
        /// them; a PyTorch <c>{layer}.weight</c> [units, inputs] is transposed). With no names, every layer of this model
        /// with a tensor in the file is copied. Checks and result as <see cref="CopyLayersFrom(CompiledModel, string[])"/>.
        /// </summary>
        public IReadOnlyList<string> CopyLayersFrom(string path, params string[] layers)
        {
            ThrowIfDisposed();
            IReadOnlyDictionary<string, SafeTensor> file = SafeTensors.Read(path);
            var available = new Dictionary<string, (int[] Shape, Func<float[]> Read)>(StringComparer.Ordinal);
            foreach (TensorSpec t in _layout.Tensors)
            {
                TensorSpec spec = t;
                string layer = LayerOf(t.Name);
                bool kernelAsWeight = t.Name.EndsWith(".kernel", StringComparison.Ordinal) && file.ContainsKey(layer + ".weight");
                if (file.ContainsKey(t.Name) || kernelAsWeight)
                {
                    // ReadTensor checks the shape (and transposes PyTorch's weight); the shape here is this model's.
                    available[t.Name] = (t.Shape, () => ReadTensor(file, spec, path));
                }
            }
            foreach (string name in file.Keys)
            {
                if (!available.ContainsKey(name) && !name.EndsWith(".weight", StringComparison.Ordinal))
                {
                    available[name] = (file[name].Shape, () => file[name].Data);
                }
            }
            return CopyLayers(available, path, layers);
        }

        private IReadOnlyList<string> CopyLayers(Dictionary<string, (int[] Shape, Func<float[]> Read)> source, string sourceName, string[] layers)
        {
            var ours = new List<string>();
            foreach (TensorSpec t in _layout.Tensors)
            {
                string layer = LayerOf(t.Name);
                if (!ours.Contains(layer)) ours.Add(layer);
            }
            var chosen = new List<string>();
            if (layers is null || layers.Length == 0)
            {
                foreach (string layer in ours)
                {
                    foreach (string name in source.Keys)
                    {
                        if (LayerOf(name) == layer) { chosen.Add(layer); break; }
                    }
                }
                if (chosen.Count == 0) throw new ArgumentException($"{_layout.ModelName} and {sourceName} have no layer name in common. {_layout.ModelName}'s tensors: {TensorNames()}.");
            }
            else
            {
                foreach (string layer in layers)
                {
                    if (!ours.Contains(layer)) throw new ArgumentException($"{_layout.ModelName} has no layer '{layer}'. Its tensors are: {TensorNames()}.", nameof(layers));
                    if (!chosen.Contains(layer)) chosen.Add(layer);
                }
            }

            // Check everything first: same tensors, same shapes.
            var staged = new List<(TensorSpec Spec, float[] Values)>();
            foreach (string layer in chosen)
            {
                foreach (TensorSpec t in _layout.Tensors)
                {
                    if (LayerOf(t.Name) != layer) continue;
                    if (!source.TryGetValue(t.Name, out var s))
                    {
                        throw new InvalidDataException($"Layer '{layer}': {sourceName} has no tensor '{t.Name}' {t.ShapeText} for {_layout.ModelName}.");
                    }
                    if (!s.Shape.AsSpan().SequenceEqual(t.Shape))
                    {
                        throw new InvalidDataException($"Layer '{layer}': '{t.Name}' is {TensorSpec.FormatShape(s.Shape)} in {sourceName} but {t.ShapeText} in {_layout.ModelName}.");
                    }
                    staged.Add((t, s.Read()));
                }
                foreach (string name in source.Keys)
                {
                    if (LayerOf(name) == layer && Array.FindIndex(_layout.Tensors, t => t.Name == name) < 0)
                    {
                        throw new InvalidDataException($"Layer '{layer}': {sourceName} has a tensor '{name}' that {_layout.ModelName}'s layer lacks (e.g. a bias against UseBias = false).");
                    }
                }
            }
            DownloadState();
            foreach (var (spec, values) in staged) Store(Parameters, spec, values);
            MarkParametersChanged();
            UploadState();
            return chosen;
        }

        /// <summary>"dense_1.kernel" → "dense_1".</summary>
        private static string LayerOf(string tensor)
        {
            int dot = tensor.LastIndexOf('.');
            return dot < 0 ? tensor : tensor.Substring(0, dot);
        }
    }
}
