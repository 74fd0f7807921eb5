"""The JSON layout every fixture script writes: one line per number array and per scalar field, so diffs stay
readable and the files small."""
import json


def write_json(value, f, indent=0):
    """Writes value to f: dicts and lists of dicts one entry per line, everything else on one line."""
    pad = "  " * indent
    if isinstance(value, dict):
        f.write("{\n")
        items = list(value.items())
        for i, (k, v) in enumerate(items):
            f.write(f"{pad}  {json.dumps(k)}: ")
            write_json(v, f, indent + 1)
            f.write(",\n" if i + 1 < len(items) else "\n")
        f.write(pad + "}")
    elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
        f.write("[\n")
        for i, v in enumerate(value):
            f.write(pad + "  ")
            write_json(v, f, indent + 1)
            f.write(",\n" if i + 1 < len(value) else "\n")
        f.write(pad + "]")
    else:
        f.write(json.dumps(value, allow_nan=False))
