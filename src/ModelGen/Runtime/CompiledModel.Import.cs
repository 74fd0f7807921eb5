using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ModelGen
{
    public abstract unsafe partial class CompiledModel
    {
        /// <summary>
        /// Loads a safetensors file whose layer names differ from this model's (a PyTorch state dict, <c>0.weight</c>,
        /// <c>2.weight</c>...; a Keras file, <c>dense/kernel</c>...), renaming each file layer to the model layer that
        /// <paramref name="layers"/> maps it to. A tensor name splits at its last '.' or '/' into the layer and the
        /// tensor (<c>0.weight</c> is layer <c>0</c>, tensor <c>weight</c>); the tensor name gives the layout:
        /// <c>weight</c> is PyTorch's [units, inputs] (transposed on load), <c>kernel</c> Keras' [inputs, units], and
        /// Keras' <c>:0</c> suffix is ignored. File layers not in the map are ignored. All-or-nothing, as <see cref="Load(string)"/>.
        /// </summary>
        /// <param name="path">The safetensors file.</param>
        /// <param name="layers">File layer name → this model's layer name, e.g. <c>{ ["0"] = "dense", ["2"] = "dense_1" }</c>.</param>
        /// <exception cref="InvalidDataException">A mapped tensor is missing or has the wrong shape (the message names both).</exception>
        public void Load(string path, IReadOnlyDictionary<string, string> layers)
        {
            ThrowIfDisposed();
            if (layers is null) throw new ArgumentNullException(nameof(layers));
            IReadOnlyDictionary<string, SafeTensor> file = SafeTensors.Read(path);
            var known = new HashSet<string>(ModelLayerNames(), StringComparer.Ordinal);
            foreach (KeyValuePair<string, string> pair in layers)
            {
                if (!known.Contains(pair.Value))
                {
                    throw new ArgumentException(
                        $"The map sends file layer '{pair.Key}' to '{pair.Value}', which is not a layer of {_layout.ModelName} " +
                        $"(its layers with parameters: {string.Join(", ", known)}).", nameof(layers));
                }
            }
            LoadTensors(Rename(file, layers, path), path);
        }

        /// <summary>
        /// Loads a safetensors file by layer order: the file's layers that hold a 2-D <c>weight</c> or <c>kernel</c>
        /// (Linear/Dense layers), in the natural order of their names (digit runs compare as numbers: <c>0</c>,
        /// <c>2</c>, <c>10</c>; <c>dense</c>, <c>dense_1</c>, <c>dense_2</c>), map to this model's Dense layers in
        /// declaration order. Names sort rather than keep the file's order because safetensors writers sort the header.
        /// Layouts as <see cref="Load(string, IReadOnlyDictionary{string, string})"/>, which this calls with the map it finds.
        /// </summary>
        /// <exception cref="InvalidDataException">
        /// The file and the model have different numbers of Dense layers, the model has layers with tensors other than
        /// Dense ones (batch normalization, Normalization: use the explicit map), or a tensor has the wrong shape.
        /// </exception>
        public void LoadByLayerOrder(string path)
        {
            ThrowIfDisposed();
            IReadOnlyDictionary<string, SafeTensor> file = SafeTensors.Read(path);
            var fileLayers = new List<string>();
            foreach (SafeTensor tensor in file.Values)
            {
                (string layer, string role) = SplitName(tensor.Name);
                if ((role == "weight" || role == "kernel") && tensor.Shape.Length == 2 && !fileLayers.Contains(layer)) fileLayers.Add(layer);
            }
            fileLayers.Sort(NaturalCompare);

            var modelLayers = new List<string>();
            foreach (TensorSpec spec in _layout.Tensors)
            {
                if (spec.Shape.Length == 2 && spec.Name.EndsWith(".kernel", StringComparison.Ordinal)) modelLayers.Add(spec.Name.Substring(0, spec.Name.Length - 7));
            }
            // Only Dense layers have an order to map by; a model with other layers with tensors needs the explicit map.
            var others = ModelLayerNames().Where(l => !modelLayers.Contains(l)).ToList();
            if (others.Count > 0)
            {
                throw new InvalidDataException(
                    $"{path}: LoadByLayerOrder maps Dense layers only, and {_layout.ModelName} also has the layers {string.Join(", ", others)} " +
                    $"(batch normalization or Normalization statistics, ...); use Load(path, map) with a map from the file's layers " +
                    $"(the file holds: {string.Join(", ", file.Keys)}).");
            }
            if (fileLayers.Count != modelLayers.Count)
            {
                throw new InvalidDataException(
                    $"{path}: by layer order, the file's {fileLayers.Count} Linear/Dense layers ({string.Join(", ", fileLayers)}) cannot map to " +
                    $"{_layout.ModelName}'s {modelLayers.Count} Dense layers ({string.Join(", ", modelLayers)}); pass an explicit map instead.");
            }
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < fileLayers.Count; i++) map[fileLayers[i]] = modelLayers[i];
            LoadTensors(Rename(file, map, path), path);
        }

        /// <summary>The file's tensors under this model's names: <c>{model layer}.{tensor}</c>, keeping each tensor's file name for messages.</summary>
        private static Dictionary<string, SafeTensor> Rename(IReadOnlyDictionary<string, SafeTensor> file, IReadOnlyDictionary<string, string> layers, string path)
        {
            var renamed = new Dictionary<string, SafeTensor>(StringComparer.Ordinal);
            foreach (SafeTensor tensor in file.Values)
            {
                (string layer, string role) = SplitName(tensor.Name);
                if (!layers.TryGetValue(layer, out string? target)) continue;
                string name = target + "." + role;
                if (renamed.TryGetValue(name, out SafeTensor? other))
                {
                    throw new InvalidDataException($"{path}: tensors '{other.Name}' and '{tensor.Name}' both map to '{name}'.");
                }
                renamed[name] = tensor;
            }
            return renamed;
        }

        /// <summary><c>net.0.weight</c> → (<c>net.0</c>, <c>weight</c>); <c>dense_1/kernel:0</c> → (<c>dense_1</c>, <c>kernel</c>).</summary>
        private static (string Layer, string Role) SplitName(string name)
        {
            if (name.EndsWith(":0", StringComparison.Ordinal)) name = name.Substring(0, name.Length - 2);
            int cut = name.LastIndexOfAny(new[] { '.', '/' });
            return cut < 0 ? (name, "") : (name.Substring(0, cut), name.Substring(cut + 1));
        }

        private IEnumerable<string> ModelLayerNames() =>
            _layout.Tensors.Select(t => t.Name.Substring(0, t.Name.LastIndexOf('.'))).Distinct(StringComparer.Ordinal);

        /// <summary>Ordinal, except that runs of digits compare by value: <c>dense_2</c> &lt; <c>dense_10</c>, <c>dense</c> &lt; <c>dense_1</c>.</summary>
        internal static int NaturalCompare(string? a, string? b)
        {
            if (a is null || b is null) return string.CompareOrdinal(a, b);
            int i = 0, j = 0;
            while (i < a.Length && j < b.Length)
            {
                if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
                {
                    int si = i, sj = j;
                    while (i < a.Length && char.IsAsciiDigit(a[i])) i++;
                    while (j < b.Length && char.IsAsciiDigit(b[j])) j++;
                    string da = a.Substring(si, i - si).TrimStart('0'), db = b.Substring(sj, j - sj).TrimStart('0');
                    int c = da.Length != db.Length ? da.Length.CompareTo(db.Length) : string.CompareOrdinal(da, db);
                    if (c != 0) return c;
                }
                else
                {
                    if (a[i] != b[j]) return a[i].CompareTo(b[j]);
                    i++;
                    j++;
                }
            }
            return (a.Length - i).CompareTo(b.Length - j);
        }
    }
}
