using System;
using System.Buffers.Binary;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    public sealed class SafeTensorsTests : IDisposable
    {
        private readonly string _directory;

        public SafeTensorsTests()
        {
            _directory = Path.Combine(Path.GetTempPath(), "modelgen-safetensors-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_directory);
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        private string PathOf(string name) => Path.Combine(_directory, name);

        private string[] TempFiles() => Directory.GetFiles(_directory, "*.tmp*");

        private static SafeTensor F32(string name, int[] shape, params float[] data) => new(name, "F32", shape, data);

        private static void AssertSameTensor(SafeTensor expected, SafeTensor actual)
        {
            Assert.Equal(expected.Name, actual.Name);
            Assert.Equal(expected.Shape, actual.Shape);
            Assert.Equal(expected.Data.Length, actual.Data.Length);
            for (int i = 0; i < expected.Data.Length; i++)
            {
                // Bitwise: NaN payloads, -0 and subnormals must survive.
                Assert.Equal(BitConverter.SingleToInt32Bits(expected.Data[i]), BitConverter.SingleToInt32Bits(actual.Data[i]));
            }
        }

        /// <summary>A file exactly as the spec lays it out: u64 LE header length, header (space-padded), data.</summary>
        private static byte[] BuildFile(string headerJson, byte[] data, bool pad = true, ulong? declaredLength = null)
        {
            byte[] json = Encoding.UTF8.GetBytes(headerJson);
            int length = pad ? (json.Length + 7) & ~7 : json.Length;
            var file = new byte[8 + length + data.Length];
            BinaryPrimitives.WriteUInt64LittleEndian(file, declaredLength ?? (ulong)length);
            json.CopyTo(file, 8);
            file.AsSpan(8 + json.Length, length - json.Length).Fill((byte)' ');
            data.CopyTo(file, 8 + length);
            return file;
        }

        // ---- Writing and reading back -------------------------------------------------------------------------

        [Fact]
        public void RoundTrip_SeveralTensorsAndMetadata_ReturnsSameValues()
        {
            SafeTensor[] tensors =
            {
                F32("dense/kernel", new[] { 3, 4 }, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -12.5f),
                F32("dense/bias", new[] { 4 }, float.NaN, -0f, float.Epsilon, float.PositiveInfinity),
                F32("scalar", Array.Empty<int>(), 3.25f),
                F32("empty", new[] { 0, 5 }),
                F32("poids_é+<1>", new[] { 1, 1, 2 }, float.MaxValue, float.MinValue),
            };
            var metadata = new Dictionary<string, string>
            {
                ["format"] = "pt",
                ["architecture"] = "{\"layers\": [\"Dense(4)\"]}\n\ttab \\ \u00e9\u4e2d",
            };
            string path = PathOf("model.safetensors");

            SafeTensors.Write(path, tensors, metadata);
            IReadOnlyDictionary<string, SafeTensor> read = SafeTensors.Read(path);
            IReadOnlyDictionary<string, string> readMetadata = SafeTensors.ReadMetadata(path);

            Assert.Equal(tensors.Length, read.Count);
            foreach (SafeTensor t in tensors)
            {
                AssertSameTensor(t, read[t.Name]);
                Assert.Equal("F32", read[t.Name].DType);
            }
            Assert.Equal(metadata.Count, readMetadata.Count);
            foreach (KeyValuePair<string, string> entry in metadata) Assert.Equal(entry.Value, readMetadata[entry.Key]);
            Assert.Empty(TempFiles());
        }

        [Fact]
        public void Write_WithoutMetadata_ReadsBackEmptyMetadataAndNoMetadataKey()
        {
            string path = PathOf("plain.safetensors");
            SafeTensors.Write(path, new[] { F32("w", new[] { 2 }, 1, 2) });

            Assert.Empty(SafeTensors.ReadMetadata(path));
            Assert.DoesNotContain("__metadata__", Encoding.UTF8.GetString(File.ReadAllBytes(path)));
        }

        [Theory]
        [InlineData("a")]
        [InlineData("ab")]
        [InlineData("abc")]
        [InlineData("abcd")]
        [InlineData("abcde")]
        [InlineData("abcdef")]
        [InlineData("abcdefg")]
        [InlineData("abcdefgh")]
        public void Write_HeaderIsSpacePaddedAndDataIsContiguousF32InGivenOrder(string firstName)
        {
            // Eight name lengths cover every residue of the unpadded header length modulo 8.
            string path = PathOf("layout.safetensors");
            SafeTensor[] tensors =
            {
                F32(firstName, new[] { 2 }, 1.5f, -2f),
                F32("0-sorts-first", new[] { 1, 3 }, 3, 4, 5),
            };
            SafeTensors.Write(path, tensors);
            byte[] file = File.ReadAllBytes(path);

            ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
            Assert.Equal(0UL, (8 + headerLength) % 8);
            Assert.Equal(8 + (long)headerLength + 5 * sizeof(float), file.Length);

            string header = Encoding.UTF8.GetString(file, 8, (int)headerLength);
            string trimmed = header.TrimEnd(' ');
            Assert.EndsWith("}", trimmed);
            Assert.True(header.Length - trimmed.Length < 8, "Padding is more than needed for alignment.");

            using JsonDocument doc = JsonDocument.Parse(trimmed);
            JsonElement first = doc.RootElement.GetProperty(firstName);
            JsonElement second = doc.RootElement.GetProperty("0-sorts-first");
            Assert.Equal("F32", first.GetProperty("dtype").GetString());
            Assert.Equal("[2]", first.GetProperty("shape").GetRawText());
            Assert.Equal("[1,3]", second.GetProperty("shape").GetRawText());
            // Given order, not sorted by name.
            Assert.Equal("[0,8]", first.GetProperty("data_offsets").GetRawText());
            Assert.Equal("[8,20]", second.GetProperty("data_offsets").GetRawText());

            int data = 8 + (int)headerLength;
            float[] expected = { 1.5f, -2f, 3, 4, 5 };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(data + 4 * i)));
            }
        }

        [Fact]
        public void Write_ExistingFile_IsReplaced()
        {
            string path = PathOf("replace.safetensors");
            SafeTensors.Write(path, new[] { F32("old", new[] { 1 }, 1) });
            SafeTensors.Write(path, new[] { F32("new", new[] { 2 }, 2, 3) });

            IReadOnlyDictionary<string, SafeTensor> read = SafeTensors.Read(path);
            Assert.False(read.ContainsKey("old"));
            Assert.Equal(new float[] { 2, 3 }, read["new"].Data);
            Assert.Empty(TempFiles());
        }

        // ---- Reading files written elsewhere ------------------------------------------------------------------

        [Fact]
        public void Read_HandCraftedF64F16Bf16F32File_ConvertsEveryValue()
        {
            // What PyTorch's safetensors writes for half-precision tensors, byte by byte.
            string header =
                "{\"__metadata__\":{\"format\":\"pt\"}," +
                "\"d\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}," +
                "\"h\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[8,20]}," +
                "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[20,26]}," +
                "\"f\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[26,30]}}";
            byte[] data =
            {
                0x9A, 0x99, 0x99, 0x99, 0x99, 0x99, 0xB9, 0x3F, // F64 0.1
                0x00, 0x3C, 0x00, 0xC0, 0x00, 0x38,             // F16 1, -2, 0.5
                0xFF, 0x7B, 0x01, 0x00, 0x55, 0x35,             // F16 65504 (max), 2^-24 (smallest subnormal), 0.333251953125
                0x80, 0x3F, 0x49, 0xC0, 0x80, 0x7F,             // BF16 1, -3.140625, +infinity
                0x00, 0x00, 0xC0, 0x3F,                         // F32 1.5
            };
            string path = PathOf("handmade.safetensors");
            File.WriteAllBytes(path, BuildFile(header, data));

            IReadOnlyDictionary<string, SafeTensor> read = SafeTensors.Read(path);

            Assert.Equal(4, read.Count);
            Assert.Equal("F64", read["d"].DType);
            Assert.Equal(new[] { 0.1f }, read["d"].Data);
            Assert.Equal("F16", read["h"].DType);
            Assert.Equal(new[] { 2, 3 }, read["h"].Shape);
            Assert.Equal(new[] { 1f, -2f, 0.5f, 65504f, 5.9604645e-8f, 0.333251953125f }, read["h"].Data);
            Assert.Equal("BF16", read["b"].DType);
            Assert.Equal(new[] { 1f, -3.140625f, float.PositiveInfinity }, read["b"].Data);
            Assert.Empty(read["f"].Shape);
            Assert.Equal(new[] { 1.5f }, read["f"].Data);
            Assert.Equal("pt", SafeTensors.ReadMetadata(path)["format"]);
        }

        [Fact]
        public void Read_UnpaddedHeaderAndEmptyFile_AreAccepted()
        {
            // Alignment padding is a writer's courtesy, not a reader's requirement; "{}" is a valid empty file.
            string path = PathOf("unpadded.safetensors");
            File.WriteAllBytes(path, BuildFile("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                new byte[] { 0, 0, 0x80, 0x3F }, pad: false));
            Assert.Equal(new[] { 1f }, SafeTensors.Read(path)["x"].Data);

            string empty = PathOf("empty.safetensors");
            File.WriteAllBytes(empty, BuildFile("{}", Array.Empty<byte>()));
            Assert.Empty(SafeTensors.Read(empty));
        }

        // ---- Malformed files ----------------------------------------------------------------------------------

        private static readonly byte[] EightBytes = new byte[8];

        private static byte[] WithByte(byte[] file, int index, byte value)
        {
            file[index] = value;
            return file;
        }

        private static (byte[] File, string Problem) Malformed(string kind) => kind switch
        {
            "TooShort" => (new byte[] { 1, 2, 3 }, "shorter than the 8-byte header length"),
            "HeaderLongerThanFile" => (BuildFile("{}", EightBytes, declaredLength: 1000), "larger than the"),
            "BadJson" => (BuildFile("{\"x\": {\"dtype\": ", Array.Empty<byte>()), "not valid JSON"),
            "InvalidUtf8" => (WithByte(BuildFile("{\"\u00ff\":1}", Array.Empty<byte>()), 8 + 3, 0xC0), "not valid UTF-8"), // breaks ÿ's C3 BF
            "NotAnObject" => (BuildFile("[1,2]", Array.Empty<byte>()), "not an object"),
            "UnknownDtype" => (BuildFile("{\"x\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", EightBytes), "'I64'"),
            "MissingDtype" => (BuildFile("{\"x\":{\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]), "no \"dtype\""),
            "NegativeDimension" => (BuildFile("{\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new byte[4]), "shape entry -1"),
            "MissingOffsets" => (BuildFile("{\"x\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4]), "data_offsets"),
            "ReversedOffsets" => (BuildFile("{\"x\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}", new byte[4]), "begin <= end"),
            "SizeNotShapeTimesDtype" => (BuildFile("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", EightBytes), "needs 12 bytes"),
            "OffsetsPastEnd" => (BuildFile("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[4]), "past the end"),
            "Overlap" => (BuildFile(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
                new byte[12]), "overlaps tensor 'a'"),
            "Gap" => (BuildFile(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}",
                new byte[12]), "gap of 4"),
            "TrailingBytes" => (BuildFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", EightBytes), "belong to none"),
            "DuplicateName" => (BuildFile(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                EightBytes), "'a' twice"),
            "MetadataNotStrings" => (BuildFile("{\"__metadata__\":{\"epochs\":3}}", Array.Empty<byte>()), "metadata entry 'epochs'"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown malformed-file case."),
        };

        [Theory]
        [InlineData("TooShort")]
        [InlineData("HeaderLongerThanFile")]
        [InlineData("BadJson")]
        [InlineData("InvalidUtf8")]
        [InlineData("NotAnObject")]
        [InlineData("UnknownDtype")]
        [InlineData("MissingDtype")]
        [InlineData("NegativeDimension")]
        [InlineData("MissingOffsets")]
        [InlineData("ReversedOffsets")]
        [InlineData("SizeNotShapeTimesDtype")]
        [InlineData("OffsetsPastEnd")]
        [InlineData("Overlap")]
        [InlineData("Gap")]
        [InlineData("TrailingBytes")]
        [InlineData("DuplicateName")]
        [InlineData("MetadataNotStrings")]
        public void Read_MalformedFile_ThrowsInvalidDataExceptionNamingFileAndProblem(string kind)
        {
            (byte[] bytes, string problem) = Malformed(kind);
            string path = PathOf(kind + ".safetensors");
            File.WriteAllBytes(path, bytes);

            var fromRead = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));
            Assert.Contains(path, fromRead.Message);
            Assert.Contains(problem, fromRead.Message);

            // ReadMetadata validates the header as fully as Read does.
            var fromMetadata = Assert.Throws<InvalidDataException>(() => SafeTensors.ReadMetadata(path));
            Assert.Equal(fromRead.Message, fromMetadata.Message);
        }

        // ---- Failed writes ------------------------------------------------------------------------------------

        [Fact]
        public void Write_DataLengthNotProductOfShape_ThrowsBeforeCreatingAnyFile()
        {
            string path = PathOf("bad.safetensors");
            SafeTensor[] tensors = { F32("ok", new[] { 1 }, 1), F32("dense/kernel", new[] { 2, 3 }, 1, 2, 3, 4, 5) };

            var ex = Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, tensors));

            Assert.Contains("'dense/kernel'", ex.Message);
            Assert.Contains("[2, 3]", ex.Message);
            Assert.Contains("holds 6 elements", ex.Message);
            Assert.Contains("has 5", ex.Message);
            Assert.Empty(Directory.GetFiles(_directory));
        }

        [Theory]
        [InlineData("duplicate")]
        [InlineData("reserved")]
        [InlineData("dtype")]
        [InlineData("negative")]
        public void Write_InvalidTensorList_ThrowsArgumentExceptionSayingWhatToFix(string kind)
        {
            (SafeTensor[] tensors, string problem) = kind switch
            {
                "duplicate" => (new[] { F32("w", new[] { 1 }, 1), F32("w", new[] { 1 }, 2) }, "Two tensors are named 'w'"),
                "reserved" => (new[] { F32("__metadata__", new[] { 1 }, 1) }, "reserved"),
                "dtype" => (new[] { new SafeTensor("w", "F16", new[] { 1 }, new[] { 1f }) }, "set DType to \"F32\""),
                _ => (new[] { F32("w", new[] { -1 }) }, "negative dimension"),
            };

            var ex = Assert.Throws<ArgumentException>(() => SafeTensors.Write(PathOf("x.safetensors"), tensors));
            Assert.Contains(problem, ex.Message);
            Assert.Empty(Directory.GetFiles(_directory));
        }

        [Fact]
        public void Write_FailsAfterValidation_LeavesPreviousFileIntactAndNoTempFile()
        {
            string path = PathOf("model.safetensors");
            SafeTensor[] original = { F32("w", new[] { 2, 2 }, 1, 2, 3, 4) };
            SafeTensors.Write(path, original, new Dictionary<string, string> { ["version"] = "1" });
            byte[] before = File.ReadAllBytes(path);

            // Write reads the list once to validate and plan the header, then again to stream the data. This list
            // fails on the second pass, i.e. after the temporary file exists and holds a header: a write failing midway.
            var failing = new FailingList(new[] { F32("w", new[] { 2, 2 }, 9, 9, 9, 9), F32("b", new[] { 2 }, 8, 8) }, this);

            var ex = Assert.Throws<IOException>(() => SafeTensors.Write(path, failing, new Dictionary<string, string> { ["version"] = "2" }));

            Assert.Equal("Simulated disk failure.", ex.Message);
            Assert.Equal(1, failing.TempFilesWhenFailing);
            Assert.Empty(TempFiles());
            Assert.Equal(before, File.ReadAllBytes(path));
            AssertSameTensor(original[0], SafeTensors.Read(path)["w"]);
            Assert.Equal("1", SafeTensors.ReadMetadata(path)["version"]);
        }

        [Fact]
        public void Write_RejectedTensors_LeavePreviousFileIntact()
        {
            string path = PathOf("model.safetensors");
            SafeTensors.Write(path, new[] { F32("w", new[] { 2 }, 1, 2) });
            byte[] before = File.ReadAllBytes(path);

            Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, new[] { F32("w", new[] { 3 }, 1, 2) }));

            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Equal(new float[] { 1, 2 }, SafeTensors.Read(path)["w"].Data);
            Assert.Empty(TempFiles());
        }

        /// <summary>Serves its tensors once, then throws the way a full disk would.</summary>
        private sealed class FailingList : IReadOnlyList<SafeTensor>
        {
            private readonly SafeTensor[] _items;
            private readonly SafeTensorsTests _owner;
            private int _reads;

            public FailingList(SafeTensor[] items, SafeTensorsTests owner)
            {
                _items = items;
                _owner = owner;
            }

            public int TempFilesWhenFailing { get; private set; } = -1;

            public int Count => _items.Length;

            public SafeTensor this[int index]
            {
                get
                {
                    if (++_reads > _items.Length)
                    {
                        TempFilesWhenFailing = _owner.TempFiles().Length;
                        throw new IOException("Simulated disk failure.");
                    }
                    return _items[index];
                }
            }

            public IEnumerator<SafeTensor> GetEnumerator()
            {
                for (int i = 0; i < Count; i++) yield return this[i];
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
