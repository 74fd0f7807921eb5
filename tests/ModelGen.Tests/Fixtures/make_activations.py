#!/usr/bin/python3
"""Writes activations.json: PyTorch (float64) references for every activation of ModelGen's toolbox.

Each case is the network Input(4) -> Dense(6, act) -> Dense(20, act) -> Dense(3), mean squared error, on a batch of
5 samples, declared in tests/ModelGen.Tests/Models/ActivationModels.cs. The fixture holds the initial parameters
(Keras layout: kernel [inputs, units] row-major; PReLU's `alpha` [units]; a learned Swish `beta` [1]), the inputs and
targets, the forward outputs, the loss, and the gradient of every parameter. dense_1's input gradient flows into
dense's kernel and bias gradients, so those check the activation's derivative with respect to its input.

Formulas follow Keras 3 (docs/reference/activations.md); where PyTorch's function differs or is missing, the formula
is written out here. Regenerate from the repository root with
    /usr/bin/python3 tests/ModelGen.Tests/Fixtures/make_activations.py
The output is deterministic. Before writing, the script checks every gradient against a float64 central difference,
and redraws a case whose pre-activations come within 1e-3 of a kink (ReLU-like at 0, hard sigmoid at +-3), where a
float32 implementation may legitimately take the other branch.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

SEED = 20261122
torch.set_default_dtype(torch.float64)


def swish(beta):
    return lambda x, p=None: x * torch.sigmoid(beta * x)


def step(x, p=None):
    # Heaviside step with derivative 0: (x >= 0) carries no gradient; 0 * x keeps x in the graph.
    return (x >= 0).to(x.dtype) + 0.0 * x


# name -> (forward(x, learned), kinks, learned tensor: None | "alpha" | "beta", initial value of the learned tensor)
CASES = {
    "identity": (lambda x, p=None: x, [], None),
    "step": (step, [0.0], None),
    "sign": (lambda x, p=None: torch.sign(x), [0.0], None),
    "sigmoid": (lambda x, p=None: torch.sigmoid(x), [], None),
    "hard_sigmoid": (lambda x, p=None: F.relu6(x + 3.0) / 6.0, [-3.0, 3.0], None),  # Keras 3 = torch hardsigmoid
    "tanh": (lambda x, p=None: torch.tanh(x), [], None),
    "arctan": (lambda x, p=None: torch.atan(x), [], None),
    "relu": (lambda x, p=None: F.relu(x), [0.0], None),
    "leaky_relu": (lambda x, p=None: F.leaky_relu(x, 0.2), [0.0], None),  # Keras "leaky_relu" default 0.2
    "leaky_relu_005": (lambda x, p=None: F.leaky_relu(x, 0.05), [0.0], None),
    "prelu": (lambda x, p: torch.where(x >= 0, x, p * x), [0.0], "alpha"),  # one alpha per unit, as Keras
    "rrelu_fixed": (lambda x, p=None: F.rrelu(x, 0.2, 0.2, training=True), [0.0], None),  # lower = upper: deterministic
    "rrelu": (lambda x, p=None: F.rrelu(x, 1.0 / 8, 1.0 / 3, training=False), [0.0], None),  # inference: mean slope
    "elu": (lambda x, p=None: F.elu(x, 1.0), [0.0], None),
    "elu_05": (lambda x, p=None: F.elu(x, 0.5), [0.0], None),
    "selu": (lambda x, p=None: F.selu(x), [0.0], None),
    "gelu": (lambda x, p=None: F.gelu(x), [], None),  # exact erf form, Keras' "gelu"
    "gelu_tanh": (lambda x, p=None: F.gelu(x, approximate="tanh"), [], None),
    "gelu_sigmoid": (lambda x, p=None: x * torch.sigmoid(1.702 * x), [], None),
    "swish": (swish(1.0), [], None),
    "swish_15": (swish(1.5), [], None),
    "swish_learned": (lambda x, p: x * torch.sigmoid(p * x), [], "beta"),
    "mish": (lambda x, p=None: x * torch.tanh(torch.logaddexp(x, torch.zeros_like(x))), [], None),
    "softplus": (lambda x, p=None: torch.logaddexp(x, torch.zeros_like(x)), [], None),  # Keras: logaddexp(x, 0)
    "softsign": (lambda x, p=None: F.softsign(x), [], None),
    "exponential": (lambda x, p=None: torch.exp(x), [], None),
    "softmax": (lambda x, p=None: torch.softmax(x, dim=1), [], None),
}

SIZES = [4, 6, 20, 3]
BATCH = 5


def make_case(name, forward, kinks, learned, gen):
    while True:
        params = {}
        names = ["dense", "dense_1", "dense_2"]
        for i, layer in enumerate(names):
            fan_in, units = SIZES[i], SIZES[i + 1]
            limit = math.sqrt(6.0 / (fan_in + units))
            params[layer + ".kernel"] = (torch.rand(fan_in, units, generator=gen) * 2 - 1) * limit
            params[layer + ".bias"] = (torch.rand(units, generator=gen) * 2 - 1) * 0.2
            if i < 2 and learned == "alpha":
                params[layer + ".alpha"] = torch.rand(units, generator=gen) * 0.6 - 0.2  # some negative, as learned alphas can be
            if i < 2 and learned == "beta":
                params[layer + ".beta"] = torch.tensor([0.5 + torch.rand(1, generator=gen).item()])
        x = torch.rand(BATCH, SIZES[0], generator=gen) * 4 - 2
        t = torch.rand(BATCH, SIZES[-1], generator=gen) * 2 - 1
        for p in params.values():
            p.requires_grad_(True)
        pre, h = [], x
        for i, layer in enumerate(names):
            z = h @ params[layer + ".kernel"] + params[layer + ".bias"]
            pre.append(z)
            h = forward(z, params.get(layer + ("." + learned if learned else ""), None)) if i < 2 else z
        near_kink = any((z - k).abs().min().item() < 1e-3 for z in pre[:2] for k in kinks)
        if not near_kink:
            break
    loss = ((h - t) ** 2).mean()  # Keras MSE: mean over the batch and the outputs
    grads = torch.autograd.grad(loss, list(params.values()))
    check_gradients(name, forward, learned, params, grads, x, t, names)
    return {
        "initial": {k: tensor(v) for k, v in params.items()},
        "inputs": flat(x),
        "targets": flat(t),
        "outputs": flat(h),
        "loss": loss.item(),
        "gradients": {k: tensor(g) for k, g in zip(params.keys(), grads)},
    }


def check_gradients(name, forward, learned, params, grads, x, t, names):
    """Self-test: every gradient entry against a float64 central difference (step and sign: exactly zero)."""
    def loss_of():
        h = x
        for i, layer in enumerate(names):
            z = h @ params[layer + ".kernel"] + params[layer + ".bias"]
            h = forward(z, params.get(layer + ("." + learned if learned else ""), None)) if i < 2 else z
        return ((h - t) ** 2).mean().item()
    eps = 1e-6
    with torch.no_grad():
        for (key, p), g in zip(params.items(), grads):
            flat_p, flat_g = p.view(-1), g.reshape(-1)
            for i in range(flat_p.numel()):
                old = flat_p[i].item()
                flat_p[i] = old + eps
                up = loss_of()
                flat_p[i] = old - eps
                down = loss_of()
                flat_p[i] = old
                fd = (up - down) / (2 * eps)
                if abs(fd - flat_g[i].item()) > 1e-6 + 1e-5 * abs(fd):
                    raise SystemExit(f"{name}: {key}[{i}] autograd {flat_g[i].item()} vs central difference {fd}")


def tensor(v):
    return {"shape": list(v.shape), "data": flat(v)}


def flat(v):
    return [float(e) for e in v.detach().reshape(-1).tolist()]


def main():
    gen = torch.Generator().manual_seed(SEED)
    cases = {name: make_case(name, f, kinks, learned, gen) for name, (f, kinks, learned) in CASES.items()}
    out = {"version": 1, "generator": "make_activations.py", "seed": SEED, "sizes": SIZES, "batch": BATCH, "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "activations.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path}: {len(cases)} cases")


if __name__ == "__main__":
    main()
