using System;
using System.Text;

namespace ModelGen.Generators.Emit
{
    /// <summary>
    /// The one text writer every emitter uses: four-space indentation, <see cref="Block"/> to open a brace that the
    /// returned scope closes, and nothing else. Emitters stay pure functions: (plan, writer) to text.
    /// </summary>
    public sealed class CodeWriter
    {
        private readonly StringBuilder _text = new();
        private int _depth;

        /// <summary>Writes one line at the current indentation (an empty line has no trailing spaces).</summary>
        public CodeWriter Line(string line = "")
        {
            if (line.Length > 0) _text.Append(' ', _depth * 4).Append(line);
            _text.Append('\n');
            return this;
        }

        /// <summary>Writes one line as it is, without indentation (the inside of a verbatim string).</summary>
        public CodeWriter Raw(string line)
        {
            _text.Append(line).Append('\n');
            return this;
        }

        /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the scope is disposed.</summary>
        public Scope Block(string header)
        {
            Line(header);
            return Open();
        }

        /// <summary>Opens a brace on its own line and indents until the scope is disposed.</summary>
        public Scope Open()
        {
            Line("{");
            _depth++;
            return new Scope(this);
        }

        /// <summary>Writes each line of a multi-line text at the current indentation.</summary>
        public CodeWriter Lines(string text)
        {
            foreach (string line in text.Replace("\r\n", "\n").Split('\n')) Line(line);
            return this;
        }

        /// <inheritdoc/>
        public override string ToString() => _text.ToString();

        /// <summary>Closes a <see cref="Block"/>.</summary>
        public readonly struct Scope : IDisposable
        {
            private readonly CodeWriter _writer;

            internal Scope(CodeWriter writer) => _writer = writer;

            /// <summary>Dedents and writes the closing brace.</summary>
            public void Dispose()
            {
                _writer._depth--;
                _writer.Line("}");
            }
        }
    }
}
