using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Parsing
{
    /// <summary>
    /// Reads a safetensors file from its bytes: an 8-byte little-endian header length, a JSON header
    /// <c>{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}</c>, then the
    /// data. The generator targets netstandard2.0 and must not load System.Text.Json into the compiler, so the header is
    /// read by the small JSON reader below (objects, arrays, strings, integers, true/false/null: all a header holds).
    /// </summary>
    public static class SafeTensorsReader
    {
        /// <summary>Parses <paramref name="bytes"/>; never throws: a malformed file gives a <see cref="WeightsFile.Error"/>.</summary>
        public static WeightsFile Read(string path, byte[] bytes)
        {
            try
            {
                return new WeightsFile(path, null, ReadTensors(bytes).ToEquatableArray());
            }
            catch (FormatException e)
            {
                return new WeightsFile(path, e.Message, EquatableArray<FileTensor>.Empty);
            }
        }

        private static List<FileTensor> ReadTensors(byte[] bytes)
        {
            if (bytes.Length < 8) throw new FormatException($"it has {bytes.Length} bytes, fewer than the 8 of a safetensors header length");
            ulong headerLength = BitConverter.ToUInt64(bytes, 0);
            if (headerLength > (ulong)(bytes.Length - 8)) throw new FormatException($"its header length {headerLength} runs past the end of the file ({bytes.Length} bytes): it is not a safetensors file, or it is truncated");
            string json = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
            var reader = new Json(json);
            if (reader.Value() is not Dictionary<string, object?> header) throw new FormatException("its header is not a JSON object");
            long dataStart = 8 + (long)headerLength;
            var tensors = new List<FileTensor>();
            foreach (KeyValuePair<string, object?> entry in header)
            {
                if (entry.Key == "__metadata__") continue;
                if (entry.Value is not Dictionary<string, object?> info
                    || !info.TryGetValue("dtype", out object? dtypeValue) || dtypeValue is not string dtype
                    || !info.TryGetValue("shape", out object? shapeValue) || shapeValue is not List<object?> shapeList
                    || !info.TryGetValue("data_offsets", out object? offsetsValue) || offsetsValue is not List<object?> { Count: 2 } offsets
                    || offsets[0] is not long begin || offsets[1] is not long end)
                {
                    throw new FormatException($"tensor '{entry.Key}' lacks a dtype, shape or data_offsets");
                }
                var shape = new int[shapeList.Count];
                long elements = 1;
                for (int i = 0; i < shape.Length; i++)
                {
                    if (shapeList[i] is not long d || d < 0 || d > int.MaxValue) throw new FormatException($"tensor '{entry.Key}' has a bad shape");
                    shape[i] = (int)d;
                    elements *= d;
                }
                if (begin < 0 || end < begin || dataStart + end > bytes.Length) throw new FormatException($"tensor '{entry.Key}' has data_offsets [{begin}, {end}] outside the file's {bytes.Length - dataStart} data bytes");
                float[] values = FileTensor.IsSupported(dtype) ? Convert(bytes, dataStart + begin, end - begin, elements, dtype, entry.Key) : Array.Empty<float>();
                tensors.Add(new FileTensor(entry.Key, dtype, shape.ToEquatableArray(), values.ToEquatableArray()));
            }
            return tensors;
        }

        private static float[] Convert(byte[] bytes, long start, long length, long elements, string dtype, string name)
        {
            int size = dtype switch { "F64" => 8, "F32" => 4, _ => 2 };
            if (length != elements * size) throw new FormatException($"tensor '{name}' has {length} data bytes, but its shape and {dtype} need {elements * size}");
            var values = new float[elements];
            int at = (int)start;
            for (int i = 0; i < values.Length; i++, at += size)
            {
                values[i] = dtype switch
                {
                    "F32" => BitConverter.ToSingle(bytes, at),
                    "F64" => (float)BitConverter.ToDouble(bytes, at),
                    "BF16" => BitConverter.ToSingle(BitConverter.GetBytes(BitConverter.ToUInt16(bytes, at) << 16), 0),
                    _ => HalfToSingle(BitConverter.ToUInt16(bytes, at)),
                };
            }
            return values;
        }

        /// <summary>IEEE binary16 to float32, exactly (netstandard2.0 has no System.Half).</summary>
        private static float HalfToSingle(ushort h)
        {
            int sign = (h >> 15) & 1, exponent = (h >> 10) & 0x1F, mantissa = h & 0x3FF;
            float magnitude = exponent switch
            {
                0 => mantissa * (1f / (1 << 24)),                                  // subnormal: m · 2^-24
                0x1F => mantissa == 0 ? float.PositiveInfinity : float.NaN,
                _ => (1f + mantissa / 1024f) * (float)Math.Pow(2, exponent - 15),
            };
            return sign == 1 ? -magnitude : magnitude;
        }

        /// <summary>A JSON reader for the header: objects become dictionaries (in file order), arrays lists, integers longs.</summary>
        private sealed class Json
        {
            // A safetensors header nests three levels; a corrupt or hostile file must not recurse the compiler's stack away.
            private const int MaxDepth = 64;
            private readonly string _text;
            private int _at, _depth;

            public Json(string text) => _text = text;

            public object? Value()
            {
                if (++_depth > MaxDepth) throw Fail($"nests deeper than {MaxDepth} levels");
                try
                {
                    return ValueAt();
                }
                finally
                {
                    _depth--;
                }
            }

            private object? ValueAt()
            {
                SkipSpace();
                if (_at >= _text.Length) throw Fail("ends early");
                char c = _text[_at];
                switch (c)
                {
                    case '{':
                        _at++;
                        var obj = new Dictionary<string, object?>(StringComparer.Ordinal);
                        SkipSpace();
                        if (Peek('}')) return obj;
                        do
                        {
                            SkipSpace();
                            string key = ReadString();
                            SkipSpace();
                            Expect(':');
                            if (obj.ContainsKey(key)) throw Fail($"names '{key}' twice");
                            obj[key] = Value();
                            SkipSpace();
                        }
                        while (Peek(','));
                        Expect('}');
                        return obj;
                    case '[':
                        _at++;
                        var list = new List<object?>();
                        SkipSpace();
                        if (Peek(']')) return list;
                        do list.Add(Value());
                        while (SkipSpace() && Peek(','));
                        Expect(']');
                        return list;
                    case '"':
                        return ReadString();
                    default:
                        if (Word("true")) return true;
                        if (Word("false")) return false;
                        if (Word("null")) return null;
                        return Number();
                }
            }

            private object Number()
            {
                int start = _at;
                while (_at < _text.Length && "+-0123456789.eE".IndexOf(_text[_at]) >= 0) _at++;
                string s = _text.Substring(start, _at - start);
                if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
                throw Fail("holds an unexpected character");
            }

            private string ReadString()
            {
                Expect('"');
                var s = new StringBuilder();
                while (true)
                {
                    if (_at >= _text.Length) throw Fail("has an unterminated string");
                    char c = _text[_at++];
                    if (c == '"') return s.ToString();
                    if (c != '\\')
                    {
                        s.Append(c);
                        continue;
                    }
                    if (_at >= _text.Length) throw Fail("has an unterminated string");
                    char e = _text[_at++];
                    switch (e)
                    {
                        case 'n': s.Append('\n'); break;
                        case 't': s.Append('\t'); break;
                        case 'r': s.Append('\r'); break;
                        case 'b': s.Append('\b'); break;
                        case 'f': s.Append('\f'); break;
                        case 'u':
                            if (_at + 4 > _text.Length) throw Fail("has a bad \\u escape");
                            s.Append((char)int.Parse(_text.Substring(_at, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                            _at += 4;
                            break;
                        default: s.Append(e); break;
                    }
                }
            }

            private bool SkipSpace()
            {
                while (_at < _text.Length && char.IsWhiteSpace(_text[_at])) _at++;
                return true;
            }

            private bool Peek(char c)
            {
                SkipSpace();
                if (_at < _text.Length && _text[_at] == c)
                {
                    _at++;
                    return true;
                }
                return false;
            }

            private void Expect(char c)
            {
                if (!Peek(c)) throw Fail($"expects '{c}'");
            }

            private bool Word(string word)
            {
                if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0) return false;
                _at += word.Length;
                return true;
            }

            private FormatException Fail(string what) => new($"its JSON header {what} at character {_at}");
        }
    }
}
