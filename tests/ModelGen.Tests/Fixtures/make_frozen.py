"""Writes the frozen-model fixtures (Tests: Runtime/FrozenModelTests.cs): safetensors weights files the test project
compiles in with [FrozenWeights] (frozen/*.safetensors, AdditionalFiles), and frozen.json with inputs and PyTorch's
outputs for them.

  small      4 -> 8 relu -> 5 tanh -> 3 softmax       under the unroll threshold: weights as literals; Keras names
  small_f64  the same weights stored as F64             (values exactly float32: the frozen model must equal 'small')
  mlp        784 -> 300 relu -> 100 relu -> 10 softmax  Fashion-MNIST-sized, packed constant data; the first layer in
                                                        PyTorch's form (dense.weight [300, 784]), the others Keras'
  zacts      40 -> 16 gelu -> 12 swish -> 8 mish -> 4    activations whose trainable form keeps z (first layer packed)

Outputs are computed in float64 from the float32 weights and inputs. Deterministic (seed 20261122); run from the
repository root:  /usr/bin/python3 tests/ModelGen.Tests/Fixtures/make_frozen.py
"""
import json
import os
import struct

import torch

from fixture_json import write_json

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261122


def write_safetensors(path, tensors):
    """tensors: list of (name, dtype, torch tensor); the header lists them in this order, data 8-byte aligned."""
    header, blobs, offset = {}, [], 0
    for name, dtype, t in tensors:
        array = t.detach().contiguous()
        blob = array.to(torch.float64 if dtype == "F64" else torch.float32).numpy().tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    header["__metadata__"] = {"format": "modelgen", "generator": "make_frozen.py"}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def layers_of(sizes, gen):
    """Keras-shaped kernels [in, out] and biases, uniform in +-1/sqrt(in) (nn.Linear's range), as float32."""
    out = []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        bound = 1.0 / fan_in ** 0.5
        kernel = (torch.rand(fan_in, fan_out, generator=gen, dtype=torch.float64) * 2 - 1) * bound
        bias = (torch.rand(fan_out, generator=gen, dtype=torch.float64) * 2 - 1) * bound
        out.append((kernel.float(), bias.float()))
    return out


def forward(x, layers, activations):
    h = x.double()
    for (kernel, bias), act in zip(layers, activations):
        h = h @ kernel.double() + bias.double()
        h = {"relu": torch.relu, "tanh": torch.tanh, "softmax": lambda z: torch.softmax(z, dim=1),
             "gelu": torch.nn.functional.gelu, "swish": torch.nn.functional.silu, "mish": torch.nn.functional.mish,
             "linear": lambda z: z}[act](h)
    return h


def names(i):
    return "dense" if i == 0 else f"dense_{i}"


def main():
    gen = torch.Generator().manual_seed(SEED)
    fixtures = {"version": 1, "generator": "make_frozen.py", "seed": SEED, "models": {}}

    small = layers_of([4, 8, 5, 3], gen)
    small_x = (torch.rand(6, 4, generator=gen, dtype=torch.float64) * 4 - 2).float()
    write_safetensors(os.path.join(HERE, "frozen", "small.safetensors"),
                      [(f"{names(i)}.{part}", "F32", t) for i, (k, b) in enumerate(small) for part, t in (("kernel", k), ("bias", b))])
    write_safetensors(os.path.join(HERE, "frozen", "small_f64.safetensors"),
                      [(f"{names(i)}.{part}", "F64", t) for i, (k, b) in enumerate(small) for part, t in (("kernel", k), ("bias", b))])
    fixtures["models"]["small"] = {
        "inputs": small_x.flatten().tolist(),
        "outputs": forward(small_x, small, ["relu", "tanh", "softmax"]).flatten().tolist(),
    }

    mlp = layers_of([784, 300, 100, 10], gen)
    mlp_x = torch.rand(5, 784, generator=gen, dtype=torch.float64).float()
    tensors = [("dense.weight", "F32", mlp[0][0].t()), ("dense.bias", "F32", mlp[0][1])]
    for i in (1, 2):
        tensors += [(f"{names(i)}.kernel", "F32", mlp[i][0]), (f"{names(i)}.bias", "F32", mlp[i][1])]
    write_safetensors(os.path.join(HERE, "frozen", "mlp.safetensors"), tensors)
    fixtures["models"]["mlp"] = {
        "inputs": mlp_x.flatten().tolist(),
        "outputs": forward(mlp_x, mlp, ["relu", "relu", "softmax"]).flatten().tolist(),
    }

    zacts = layers_of([40, 16, 12, 8, 4], gen)
    zacts_x = (torch.rand(5, 40, generator=gen, dtype=torch.float64) * 4 - 2).float()
    write_safetensors(os.path.join(HERE, "frozen", "zacts.safetensors"),
                      [(f"{names(i)}.{part}", "F32", t) for i, (k, b) in enumerate(zacts) for part, t in (("kernel", k), ("bias", b))])
    fixtures["models"]["zacts"] = {
        "inputs": zacts_x.flatten().tolist(),
        "outputs": forward(zacts_x, zacts, ["gelu", "swish", "mish", "linear"]).flatten().tolist(),
    }

    # Self-check: torch.nn.Linear with the transposed weight computes the same as the Keras-shaped product.
    linear = torch.nn.Linear(784, 300).double()
    with torch.no_grad():
        linear.weight.copy_(mlp[0][0].t().double())
        linear.bias.copy_(mlp[0][1].double())
    assert torch.allclose(linear(mlp_x.double()), mlp_x.double() @ mlp[0][0].double() + mlp[0][1].double())

    with open(os.path.join(HERE, "frozen.json"), "w") as f:
        write_json(fixtures, f)
        f.write("\n")


if __name__ == "__main__":
    main()
