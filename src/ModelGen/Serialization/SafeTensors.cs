using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace ModelGen
{
    /// <summary>One named tensor of a safetensors file.</summary>
    /// <param name="Name">The tensor's key in the file header.</param>
    /// <param name="DType">
    /// The element type in the file: <c>"F32"</c> when writing; when reading, the type the file stored
    /// (<c>F32</c>, <c>F64</c>, <c>F16</c> or <c>BF16</c>) before conversion to float.
    /// </param>
    /// <param name="Shape">The dimensions, outermost first; empty for a scalar.</param>
    /// <param name="Data">The elements in row-major order; the length is the product of <paramref name="Shape"/>.</param>
    public sealed record SafeTensor(string Name, string DType, int[] Shape, float[] Data);

    /// <summary>
    /// Reads and writes the safetensors format (Hugging Face): an 8-byte little-endian header length N, N bytes of
    /// UTF-8 JSON describing each tensor's dtype, shape and byte range, then the raw little-endian tensor data.
    /// </summary>
    /// <remarks>
    /// Files written here load in Python with <c>safetensors.torch.load_file</c> or <c>safetensors.numpy.load_file</c>.
    /// Reading applies the checks of the reference Rust implementation: byte ranges must tile the data section exactly,
    /// in order, with no gaps, overlaps or trailing bytes, and each range must hold exactly shape × dtype-size bytes.
    /// </remarks>
    public static class SafeTensors
    {
        /// <summary>The header key that holds the free-form string-to-string metadata.</summary>
        public const string MetadataKey = "__metadata__";

        // The reference implementation refuses headers over 100 MB; a larger one means a corrupt length prefix.
        private const long MaxHeaderBytes = 100_000_000;

        /// <summary>
        /// Writes <paramref name="tensors"/> as F32, in the given order and contiguous, replacing <paramref name="path"/>
        /// atomically: a failure at any point leaves any previous file at <paramref name="path"/> untouched.
        /// </summary>
        /// <param name="path">The file to create or replace.</param>
        /// <param name="tensors">The tensors; names must be unique and each <see cref="SafeTensor.DType"/> must be <c>"F32"</c>.</param>
        /// <param name="metadata">Optional string-to-string metadata stored under <c>__metadata__</c>.</param>
        /// <exception cref="ArgumentException">A tensor is inconsistent (its data length is not the product of its shape, a duplicate name, a dtype other than F32).</exception>
        /// <exception cref="IOException">The file could not be written; the previous file, if any, is unchanged.</exception>
        /// <exception cref="InvalidOperationException">The list or its tensors were modified while being written.</exception>
        public static void Write(string path, IReadOnlyList<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("The path to write to is empty.", nameof(path));
            if (tensors is null) throw new ArgumentNullException(nameof(tensors));

            // Everything that can be wrong with the arguments is found here, before any file exists.
            byte[] header = BuildHeader(tensors, metadata, out long[] lengths);

            // Write beside the target (same directory, so same file system, so the final rename is atomic), make the
            // bytes durable, then rename over the target. A reader sees the old file or the new one, never half of one.
            string fullPath = Path.GetFullPath(path);
            string tempPath = fullPath + ".tmp-" + Guid.NewGuid().ToString("N").Substring(0, 12);
            try
            {
                using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    Span<byte> prefix = stackalloc byte[8];
                    BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
                    stream.Write(prefix);
                    stream.Write(header);
                    for (int i = 0; i < lengths.Length; i++)
                    {
                        SafeTensor tensor = tensors[i];
                        // The header is already written; data that no longer matches it would corrupt the file.
                        if (tensors.Count != lengths.Length || tensor is null || tensor.Data is null || tensor.Data.Length != lengths[i])
                        {
                            throw new InvalidOperationException(
                                $"The tensor list changed while '{path}' was being written (index {i}); do not modify it during Write.");
                        }
                        WriteFloatsLittleEndian(stream, tensor.Data);
                    }
                    stream.Flush(flushToDisk: true);
                }
                File.Move(tempPath, fullPath, overwrite: true);
            }
            catch
            {
                TryDelete(tempPath);
                throw;
            }
        }

        /// <summary>Validates the tensors and builds the padded JSON header, returning each tensor's element count.</summary>
        private static byte[] BuildHeader(IReadOnlyList<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata, out long[] lengths)
        {
            var buffer = new ArrayBufferWriter<byte>();
            // Relaxed escaping keeps names such as "dense+1" readable; the header is never embedded in HTML.
            var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            using (var json = new Utf8JsonWriter(buffer, options))
            {
                json.WriteStartObject();
                if (metadata is { Count: > 0 })
                {
                    // Ordinal key order, so the same model and metadata always give the same bytes.
                    var keys = new List<string>(metadata.Keys);
                    keys.Sort(StringComparer.Ordinal);
                    json.WriteStartObject(MetadataKey);
                    foreach (string key in keys)
                    {
                        string value = metadata[key] ?? throw new ArgumentException($"Metadata value '{key}' is null; metadata values must be strings.", nameof(metadata));
                        json.WriteString(key, value);
                    }
                    json.WriteEndObject();
                }

                lengths = new long[tensors.Count];
                var names = new HashSet<string>(StringComparer.Ordinal);
                long offset = 0;
                for (int i = 0; i < tensors.Count; i++)
                {
                    SafeTensor tensor = tensors[i] ?? throw new ArgumentException($"Tensor {i} is null.", nameof(tensors));
                    lengths[i] = ValidateForWrite(tensor, i, names);
                    long end = offset + lengths[i] * sizeof(float);

                    json.WriteStartObject(tensor.Name);
                    json.WriteString("dtype", "F32");
                    json.WriteStartArray("shape");
                    foreach (int dim in tensor.Shape) json.WriteNumberValue(dim);
                    json.WriteEndArray();
                    json.WriteStartArray("data_offsets");
                    json.WriteNumberValue(offset);
                    json.WriteNumberValue(end);
                    json.WriteEndArray();
                    json.WriteEndObject();
                    offset = end;
                }
                json.WriteEndObject();
            }

            // Pad with spaces (valid JSON whitespace) so the data starts 8-byte aligned: 8 + N is a multiple of 8.
            int length = buffer.WrittenCount;
            int padded = (length + 7) & ~7;
            byte[] header = new byte[padded];
            buffer.WrittenSpan.CopyTo(header);
            header.AsSpan(length).Fill((byte)' ');
            return header;
        }

        private static long ValidateForWrite(SafeTensor tensor, int index, HashSet<string> names)
        {
            if (string.IsNullOrEmpty(tensor.Name)) throw new ArgumentException($"Tensor {index} has no name.", "tensors");
            string name = tensor.Name;
            if (name == MetadataKey)
            {
                throw new ArgumentException($"'{MetadataKey}' is reserved for the metadata; rename tensor {index}.", "tensors");
            }
            if (!names.Add(name)) throw new ArgumentException($"Two tensors are named '{name}'; names must be unique.", "tensors");
            if (tensor.DType != "F32")
            {
                throw new ArgumentException(
                    $"Tensor '{name}' has dtype '{tensor.DType}', but Write stores float data as F32 only; set DType to \"F32\".", "tensors");
            }
            if (tensor.Shape is null) throw new ArgumentException($"Tensor '{name}' has no shape; use an empty array for a scalar.", "tensors");
            if (tensor.Data is null) throw new ArgumentException($"Tensor '{name}' has no data.", "tensors");

            // Saturate past int.MaxValue (no array can be that long) but keep multiplying: a later 0 still means 0.
            long expected = 1;
            foreach (int dim in tensor.Shape)
            {
                if (dim < 0) throw new ArgumentException($"Tensor '{name}' has a negative dimension in shape {FormatShape(tensor.Shape)}.", "tensors");
                expected = Math.Min(expected * dim, (long)int.MaxValue + 1);
            }
            if (expected != tensor.Data.Length)
            {
                string holds = expected > int.MaxValue ? "more than int.MaxValue" : expected.ToString(CultureInfo.InvariantCulture);
                throw new ArgumentException(
                    $"Tensor '{name}' has shape {FormatShape(tensor.Shape)}, which holds {holds} elements, " +
                    $"but its data has {tensor.Data.Length}. Make the data length the product of the shape.", "tensors");
            }
            return expected;
        }

        private static void WriteFloatsLittleEndian(Stream stream, float[] data)
        {
            if (BitConverter.IsLittleEndian)
            {
                stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
                return;
            }

            // Big-endian hosts: swap in chunks so no whole-tensor copy is needed.
            byte[] chunk = ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                int perChunk = chunk.Length / sizeof(float);
                for (int start = 0; start < data.Length; start += perChunk)
                {
                    int count = Math.Min(perChunk, data.Length - start);
                    for (int i = 0; i < count; i++)
                    {
                        BinaryPrimitives.WriteSingleLittleEndian(chunk.AsSpan(i * sizeof(float)), data[start + i]);
                    }
                    stream.Write(chunk, 0, count * sizeof(float));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }

        /// <summary>Reads every tensor of a safetensors file, converting F32, F64, F16 and BF16 data to float.</summary>
        /// <param name="path">The file to read.</param>
        /// <returns>The tensors by name (ordinal), in header order; each keeps the dtype the file stored.</returns>
        /// <exception cref="InvalidDataException">The file is malformed or holds a dtype other than F32, F64, F16 or BF16; the message names the file and the problem.</exception>
        public static IReadOnlyDictionary<string, SafeTensor> Read(string path)
        {
            using FileStream stream = OpenRead(path);
            Header header = ReadHeader(stream, path);

            // The byte ranges tile the data section in offset order, so one forward pass reads every tensor.
            var data = new float[header.Entries.Count][];
            int[] byOffset = header.OffsetOrder();
            byte[] chunk = ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                foreach (int i in byOffset)
                {
                    data[i] = ReadElements(stream, path, header.Entries[i], chunk);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            var tensors = new Dictionary<string, SafeTensor>(header.Entries.Count, StringComparer.Ordinal);
            for (int i = 0; i < header.Entries.Count; i++)
            {
                Entry e = header.Entries[i];
                tensors.Add(e.Name, new SafeTensor(e.Name, e.DType, e.Shape, data[i]));
            }
            return tensors;
        }

        /// <summary>Reads the <c>__metadata__</c> of a safetensors file without reading the tensor data.</summary>
        /// <param name="path">The file to read.</param>
        /// <returns>The metadata (empty when the file has none).</returns>
        /// <exception cref="InvalidDataException">The header is malformed (checked as fully as <see cref="Read"/> checks it).</exception>
        public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
        {
            using FileStream stream = OpenRead(path);
            return ReadHeader(stream, path).Metadata;
        }

        private static FileStream OpenRead(string path)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("The path to read from is empty.", nameof(path));
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }

        /// <summary>One tensor's header entry, validated against the file.</summary>
        private sealed record Entry(string Name, string DType, int ElementSize, int[] Shape, int Count, long Begin, long End);

        private sealed record Header(List<Entry> Entries, Dictionary<string, string> Metadata)
        {
            // Indices of Entries by data offset; zero-sized tensors sort before a tensor starting at the same offset.
            public int[] OffsetOrder()
            {
                int[] order = new int[Entries.Count];
                for (int i = 0; i < order.Length; i++) order[i] = i;
                Array.Sort(order, (a, b) =>
                {
                    int c = Entries[a].Begin.CompareTo(Entries[b].Begin);
                    return c != 0 ? c : Entries[a].End.CompareTo(Entries[b].End);
                });
                return order;
            }
        }

        private static Header ReadHeader(FileStream stream, string path)
        {
            long fileLength = stream.Length;
            if (fileLength < 8)
            {
                throw Invalid(path, $"it is {fileLength} bytes long, shorter than the 8-byte header length that starts every safetensors file");
            }

            Span<byte> prefix = stackalloc byte[8];
            stream.ReadExactly(prefix);
            ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            if (headerLength > (ulong)(fileLength - 8))
            {
                throw Invalid(path, $"the header length {headerLength} is larger than the {fileLength - 8} bytes that follow it (truncated or not a safetensors file)");
            }
            if (headerLength > MaxHeaderBytes)
            {
                throw Invalid(path, $"the header length {headerLength} exceeds the format's limit of {MaxHeaderBytes} bytes");
            }

            byte[] json = new byte[(int)headerLength];
            stream.ReadExactly(json);
            if (!Utf8.IsValid(json)) throw Invalid(path, "the header is not valid UTF-8");

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json);
            }
            catch (JsonException ex)
            {
                throw Invalid(path, $"the header is not valid JSON ({ex.Message})");
            }

            using (document)
            {
                Header header = ParseHeader(document.RootElement, path);
                CheckLayout(header, fileLength - 8 - (long)headerLength, path);
                return header;
            }
        }

        private static Header ParseHeader(JsonElement root, string path)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, $"the header is a JSON {root.ValueKind}, not an object mapping tensor names to descriptions");
            }

            var entries = new List<Entry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name)) throw Invalid(path, $"the header lists '{property.Name}' twice");
                if (property.Name == MetadataKey)
                {
                    ParseMetadata(property.Value, metadata, path);
                }
                else
                {
                    entries.Add(ParseEntry(property.Name, property.Value, path));
                }
            }
            return new Header(entries, metadata);
        }

        private static void ParseMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
        {
            if (value.ValueKind != JsonValueKind.Object) throw Invalid(path, $"'{MetadataKey}' is a JSON {value.ValueKind}, not an object of strings");
            foreach (JsonProperty item in value.EnumerateObject())
            {
                if (item.Value.ValueKind != JsonValueKind.String)
                {
                    throw Invalid(path, $"metadata entry '{item.Name}' is a JSON {item.Value.ValueKind}; safetensors metadata values are strings");
                }
                metadata[item.Name] = item.Value.GetString()!;
            }
        }

        private static Entry ParseEntry(string name, JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.Object) throw Invalid(path, $"tensor '{name}' is described by a JSON {value.ValueKind}, not an object");

            if (!value.TryGetProperty("dtype", out JsonElement dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            {
                throw Invalid(path, $"tensor '{name}' has no \"dtype\" string");
            }
            string dtype = dtypeElement.GetString()!;
            int elementSize = dtype switch
            {
                "F32" => 4,
                "F64" => 8,
                "F16" => 2,
                "BF16" => 2,
                _ => throw Invalid(path, $"tensor '{name}' has dtype '{dtype}', which ModelGen cannot read; convert it to F32, F64, F16 or BF16"),
            };

            if (!value.TryGetProperty("shape", out JsonElement shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(path, $"tensor '{name}' has no \"shape\" array");
            }
            int[] shape = new int[shapeElement.GetArrayLength()];
            long count = 1;
            int d = 0;
            foreach (JsonElement dim in shapeElement.EnumerateArray())
            {
                if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt32(out int size) || size < 0)
                {
                    throw Invalid(path, $"tensor '{name}' has shape entry {dim.GetRawText()}, which is not a dimension from 0 to {int.MaxValue}");
                }
                shape[d++] = size;
                count = Math.Min(count * size, (long)Array.MaxLength + 1); // saturate; a later 0 still gives 0
            }
            if (count > Array.MaxLength) throw Invalid(path, $"tensor '{name}' with shape {FormatShape(shape)} has more elements than a .NET array can hold");

            if (!value.TryGetProperty("data_offsets", out JsonElement offsets) || offsets.ValueKind != JsonValueKind.Array
                || offsets.GetArrayLength() != 2
                || !offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end) || begin < 0 || end < begin)
            {
                throw Invalid(path, $"tensor '{name}' needs \"data_offsets\": [begin, end] with 0 <= begin <= end");
            }

            long needed = count * elementSize;
            if (end - begin != needed)
            {
                throw Invalid(path,
                    $"tensor '{name}' has shape {FormatShape(shape)} of {dtype}, which needs {needed} bytes, but its data_offsets [{begin}, {end}] span {end - begin}");
            }
            return new Entry(name, dtype, elementSize, shape, (int)count, begin, end);
        }

        // The reference implementation's rule: sorted by offset, the ranges start at 0, each begins where the previous
        // ended, and the last ends exactly at the end of the file. Anything else is corruption or a foreign layout.
        private static void CheckLayout(Header header, long dataLength, string path)
        {
            long expected = 0;
            string previous = "the start of the data";
            foreach (int i in header.OffsetOrder())
            {
                Entry e = header.Entries[i];
                if (e.End > dataLength)
                {
                    throw Invalid(path, $"tensor '{e.Name}' ends at data byte {e.End}, past the end of the {dataLength}-byte data section");
                }
                if (e.Begin < expected) throw Invalid(path, $"tensor '{e.Name}' (bytes {e.Begin}..{e.End}) overlaps {previous}");
                if (e.Begin > expected) throw Invalid(path, $"there is a gap of {e.Begin - expected} unused bytes before tensor '{e.Name}'");
                expected = e.End;
                previous = $"tensor '{e.Name}'";
            }
            if (expected != dataLength)
            {
                throw Invalid(path, $"the data section is {dataLength} bytes but the tensors cover only {expected}; the last {dataLength - expected} bytes belong to none");
            }
        }

        private static float[] ReadElements(FileStream stream, string path, Entry entry, byte[] chunk)
        {
            var values = new float[entry.Count];
            // Whole elements per read: the chunk is a multiple of 8 bytes, the largest element size.
            int perChunk = (chunk.Length & ~7) / entry.ElementSize;
            for (int start = 0; start < values.Length; start += perChunk)
            {
                int count = Math.Min(perChunk, values.Length - start);
                Span<byte> bytes = chunk.AsSpan(0, count * entry.ElementSize);
                try
                {
                    stream.ReadExactly(bytes);
                }
                catch (EndOfStreamException)
                {
                    // Only possible if the file shrank after its length was checked.
                    throw Invalid(path, $"the file ended inside tensor '{entry.Name}'");
                }
                Convert(bytes, entry.DType, values.AsSpan(start, count));
            }
            return values;
        }

        private static void Convert(ReadOnlySpan<byte> bytes, string dtype, Span<float> destination)
        {
            switch (dtype)
            {
                case "F32" when BitConverter.IsLittleEndian:
                    MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination);
                    break;
                case "F32":
                    for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(4 * i));
                    break;
                case "F64":
                    for (int i = 0; i < destination.Length; i++) destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(8 * i));
                    break;
                case "F16":
                    for (int i = 0; i < destination.Length; i++) destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.Slice(2 * i));
                    break;
                case "BF16":
                    // bfloat16 is the high half of a float32: widening is exact.
                    for (int i = 0; i < destination.Length; i++)
                    {
                        destination[i] = BitConverter.UInt32BitsToSingle((uint)BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(2 * i)) << 16);
                    }
                    break;
                default:
                    throw new InvalidOperationException($"Unreachable: dtype '{dtype}' passed header validation.");
            }
        }

        private static InvalidDataException Invalid(string path, string problem) =>
            new InvalidDataException($"'{path}' is not a valid safetensors file: {problem}.");

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Best effort: the original exception is the one worth reporting.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private static string FormatShape(int[] shape) => "[" + string.Join(", ", shape) + "]";
    }
}
