"""Writes Import/*.safetensors and import.json: state dicts saved from PyTorch and a Keras-named file, for
CompiledModel.Load(path, map) and LoadByLayerOrder (Tests: Runtime/ImportMappingTests.cs).

ImportDeepNet is nn.Sequential of six Linear layers (4 -> 8 -> 8 -> 8 -> 8 -> 8 -> 3, tanh between them, none after the
last), so its state dict names run 0.weight, 2.weight, ..., 10.weight: by-layer order must sort 10 after 2. The same
weights are written three ways: as PyTorch's state dict ([out, in] weights), under Keras names and layouts
(dense/kernel [in, out], dense_1/kernel, ..., with Keras 2's ":0" suffix), and with custom names for an explicit map.
The safetensors package is absent here, so the file is written with struct and json (the format is an 8-byte header
length, a JSON header, the little-endian data).
"""
import json
import os
import struct

import torch

from fixture_json import write_json

HERE = os.path.dirname(os.path.abspath(__file__))


def write_safetensors(path, tensors):
    """tensors: list of (name, float32 tensor), written in name order as the safetensors package does."""
    header, blobs, offset = {}, [], 0
    for name, t in sorted(tensors, key=lambda p: p[0]):
        data = t.detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-(8 + len(text)) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def main():
    torch.manual_seed(9)
    sizes = [4, 8, 8, 8, 8, 8, 3]
    layers = []
    for i in range(6):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < 5:
            layers.append(torch.nn.Tanh())
    net = torch.nn.Sequential(*layers).eval()
    x = torch.rand(5, 4) * 2 - 1
    with torch.no_grad():
        y = net(x)

    state = net.state_dict()
    write_safetensors(os.path.join(HERE, "Import", "torch_sequential.safetensors"), list(state.items()))

    linears = [m for m in net if isinstance(m, torch.nn.Linear)]
    keras = []
    for i, m in enumerate(linears):
        name = "dense" if i == 0 else f"dense_{i}"
        keras.append((f"{name}/kernel:0", m.weight.t()))
        keras.append((f"{name}/bias:0", m.bias))
    write_safetensors(os.path.join(HERE, "Import", "keras_names.safetensors"), keras)

    custom_names = ["encoder.in", "encoder.mid", "encoder.out", "head.a", "head.b", "head.logits"]
    custom = []
    for name, m in zip(custom_names, linears):
        custom.append((f"{name}.weight", m.weight))
        custom.append((f"{name}.bias", m.bias))
    write_safetensors(os.path.join(HERE, "Import", "custom_names.safetensors"), custom)

    with open(os.path.join(HERE, "import.json"), "w") as f:
        write_json({
            "model": "ImportDeepNet: Sequential(Linear(4,8), Tanh, Linear(8,8), Tanh, ..., Linear(8,3))",
            "custom_names": custom_names,
            "x": x.flatten().tolist(),
            "y": y.flatten().tolist(),
        }, f)
        f.write("\n")


if __name__ == "__main__":
    main()
