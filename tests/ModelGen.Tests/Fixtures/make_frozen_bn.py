"""Writes the fixtures of frozen models with batch normalization and learned activations (Tests:
Runtime/FrozenBatchNormTests.cs): safetensors files compiled in with [FrozenWeights] (frozen/bn_*.safetensors,
frozen/learned_acts.safetensors) and frozen_bn.json with inputs and PyTorch's eval-mode outputs for them.

  bn_chain      20 -> 40 relu -> BN (PyTorch names: weight, bias, running_mean, running_var; folds into the next rows)
                -> 12 no bias -> BN(relu, center=False) (folds into its own columns, and the previous BN into the rows)
                -> 8 tanh -> BN(tanh, scale=False) (folds nowhere: its own pass)
                -> 6 relu -> BN (folds into the next rows) -> 3
                epsilon: Keras' default 1e-3 except the second BN (1e-5, PyTorch's default)
  learned_acts  10 -> 12 prelu (alpha [12]) -> 6 swish with a learned beta ([1]) -> 3

Outputs are computed in float64 from the float32 tensors and inputs, with PyTorch's modules in eval mode
(nn.BatchNorm1d with the file's running statistics, nn.PReLU, x * sigmoid(beta * x)). Deterministic (seed 20261123);
run from the repository root:  /usr/bin/python3 tests/ModelGen.Tests/Fixtures/make_frozen_bn.py
"""
import json
import os

import torch

from fixture_json import write_json
from make_frozen import write_safetensors, layers_of

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261123


def batch_norm(units, gen, center=True, scale=True):
    """Float32 gamma, beta, running mean and variance as a trained layer has them (variance positive, away from 1)."""
    gamma = (torch.rand(units, generator=gen, dtype=torch.float64) * 1.5 + 0.25).float() if scale else None
    beta = ((torch.rand(units, generator=gen, dtype=torch.float64) * 2 - 1) * 0.5).float() if center else None
    mean = ((torch.rand(units, generator=gen, dtype=torch.float64) * 2 - 1) * 0.8).float()
    var = (torch.rand(units, generator=gen, dtype=torch.float64) * 2 + 0.05).float()
    return gamma, beta, mean, var


def bn_eval(h, stats, eps):
    """nn.BatchNorm1d in eval mode, float64: (h - running_mean) / sqrt(running_var + eps) * weight + bias."""
    gamma, beta, mean, var = stats
    m = torch.nn.BatchNorm1d(h.shape[1], eps=eps, affine=True).double().eval()
    with torch.no_grad():
        m.running_mean.copy_(mean.double())
        m.running_var.copy_(var.double())
        m.weight.copy_(gamma.double() if gamma is not None else torch.ones(h.shape[1], dtype=torch.float64))
        m.bias.copy_(beta.double() if beta is not None else torch.zeros(h.shape[1], dtype=torch.float64))
        return m(h)


def bn_tensors(name, stats, torch_names=False):
    gamma, beta, mean, var = stats
    parts = (("weight", "bias", "running_mean", "running_var") if torch_names
             else ("gamma", "beta", "moving_mean", "moving_variance"))
    out = []
    for part, t in zip(parts, (gamma, beta, mean, var)):
        if t is not None:
            out.append((f"{name}.{part}", "F32", t))
    return out


def main():
    gen = torch.Generator().manual_seed(SEED)
    fixtures = {"version": 1, "generator": "make_frozen_bn.py", "seed": SEED, "models": {}}

    # bn_chain
    layers = layers_of([20, 40, 12, 8, 6, 3], gen)
    bns = [batch_norm(40, gen), batch_norm(12, gen, center=False), batch_norm(8, gen, scale=False), batch_norm(6, gen)]
    eps = [1e-3, 1e-5, 1e-3, 1e-3]
    x = (torch.rand(7, 20, generator=gen, dtype=torch.float64) * 4 - 2).float()
    with torch.no_grad():
        h = x.double()
        h = torch.relu(h @ layers[0][0].double() + layers[0][1].double())
        h = bn_eval(h, bns[0], eps[0])
        h = torch.relu(bn_eval(h @ layers[1][0].double(), bns[1], eps[1]))          # dense_1 has no bias
        h = torch.tanh(bn_eval(torch.tanh(h @ layers[2][0].double() + layers[2][1].double()), bns[2], eps[2]))
        h = bn_eval(torch.relu(h @ layers[3][0].double() + layers[3][1].double()), bns[3], eps[3])
        y = h @ layers[4][0].double() + layers[4][1].double()
    tensors = [("dense.kernel", "F32", layers[0][0]), ("dense.bias", "F32", layers[0][1])]
    tensors += bn_tensors("batch_normalization", bns[0], torch_names=True)
    tensors += [("dense_1.weight", "F32", layers[1][0].t().contiguous())]          # PyTorch's nn.Linear layout
    tensors += bn_tensors("batch_normalization_1", bns[1])
    tensors += [("dense_2.kernel", "F32", layers[2][0]), ("dense_2.bias", "F32", layers[2][1])]
    tensors += bn_tensors("batch_normalization_2", bns[2])
    tensors += [("dense_3.kernel", "F32", layers[3][0]), ("dense_3.bias", "F32", layers[3][1])]
    tensors += bn_tensors("batch_normalization_3", bns[3])
    tensors += [("dense_4.kernel", "F32", layers[4][0]), ("dense_4.bias", "F32", layers[4][1])]
    write_safetensors(os.path.join(HERE, "frozen", "bn_chain.safetensors"), tensors)
    fixtures["models"]["bn_chain"] = {"inputs": x.flatten().tolist(), "outputs": y.flatten().tolist()}

    # learned_acts
    layers = layers_of([10, 12, 6, 3], gen)
    alpha = ((torch.rand(12, generator=gen, dtype=torch.float64) * 0.6) - 0.1).float()
    beta = torch.tensor([1.7], dtype=torch.float32)
    x = (torch.rand(6, 10, generator=gen, dtype=torch.float64) * 4 - 2).float()
    with torch.no_grad():
        prelu = torch.nn.PReLU(12).double()
        prelu.weight.copy_(alpha.double())
        h = prelu(x.double() @ layers[0][0].double() + layers[0][1].double())
        z = h @ layers[1][0].double() + layers[1][1].double()
        h = z * torch.sigmoid(beta.double() * z)
        y = h @ layers[2][0].double() + layers[2][1].double()
    tensors = []
    for i, (k, b) in enumerate(layers):
        name = "dense" if i == 0 else f"dense_{i}"
        tensors += [(f"{name}.kernel", "F32", k), (f"{name}.bias", "F32", b)]
    tensors += [("dense.alpha", "F32", alpha), ("dense_1.beta", "F32", beta)]
    write_safetensors(os.path.join(HERE, "frozen", "learned_acts.safetensors"), tensors)
    fixtures["models"]["learned_acts"] = {"inputs": x.flatten().tolist(), "outputs": y.flatten().tolist()}

    with open(os.path.join(HERE, "frozen_bn.json"), "w") as f:
        write_json(fixtures, f)


if __name__ == "__main__":
    main()
