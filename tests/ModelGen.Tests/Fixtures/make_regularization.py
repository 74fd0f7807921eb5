#!/usr/bin/python3
"""Writes regularization.json: 10 training steps of one small dense network under each regularizer, constraint and
gradient clipping ModelGen compiles, for tests/ModelGen.Tests/Numerics/RegularizationReferenceTests.cs.

    /usr/bin/python3 tests/ModelGen.Tests/Fixtures/make_regularization.py     (Debian: python3-torch, python3-numpy)

Keras 3 semantics (keras/src/regularizers/regularizers.py, keras/src/constraints/constraints.py,
keras/src/optimizers/base_optimizer.py), in float64:
- the training loss is the data loss plus one penalty per regularized tensor, on the pre-update weights, not divided
  by the batch: L1 l1*sum|w|, L2 l2*sum(w^2) (no 1/2), L1L2 both. PyTorch has no L1 regularizer and its coupled
  weight_decay=lam means a gradient lam*w (Keras L2(c) = weight_decay 2c), so the penalty is added to the loss
  explicitly and differentiated by autograd (d|w|/dw = sign(w), 0 at 0, in Keras and PyTorch alike);
- clipping (at most one kind), on the full gradient (penalty included), before the update: clipvalue
  clip(g, -c, c) (= torch.nn.utils.clip_grad_value_); clipnorm per tensor g*c/max(|g|, c); global_clipnorm
  g*c/max(N, c), N over all tensors. torch.nn.utils.clip_grad_norm_ scales by c/(N + 1e-6) clamped to 1 instead: the
  script prints how far that lands from Keras' (it differs by ~1e-6 relative whenever clipping is active);
- the update (Keras' SGD, SGD with momentum, Adam; see make_optimizers.py);
- then the kernel constraint: MaxNorm(max_value, axis=0) w*clip(n, 0, max)/(1e-7 + n), n the norm of each unit's
  incoming weights (a column of the [inputs, units] kernel); UnitNorm(axis=0) w/(1e-7 + n); NonNeg max(w, 0).
Hyperparameters are rounded to float32 first, as the C# model holds them.
"""

import os

import numpy as np
import torch

from fixture_json import write_json

SEED = 20261123
FIXTURE_VERSION = 1
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "regularization.json")
STEPS = 10
BATCH = 4
INPUTS, HIDDEN, OUTPUTS = 5, 6, 3
NAMES = ["dense.kernel", "dense.bias", "dense_1.kernel", "dense_1.bias"]
EPS = 1e-7


def f32(x):
    return float(np.float32(x))


# Each run: optimizer (Keras arguments), regularizers {tensor: (l1, l2)}, constraints {kernel: (kind, max_value)},
# clipping (kind, threshold). The C# models (Models/RegularizationModels.cs) declare the same.
RUNS = {
    "l2_default": dict(opt=("sgd", dict(learning_rate=0.1)), reg={"dense.kernel": (0.0, 0.01)}),
    "l1": dict(opt=("sgd", dict(learning_rate=0.1)), reg={"dense.kernel": (0.01, 0.0), "dense_1.kernel": (0.05, 0.0)}),
    "l1l2_bias_adam": dict(opt=("adam", dict(learning_rate=0.01)),
                           reg={"dense.kernel": (0.01, 0.02), "dense.bias": (0.03, 0.0), "dense_1.bias": (0.0, 0.03)}),
    "clipvalue": dict(opt=("sgd", dict(learning_rate=0.1)), clip=("value", 0.05)),
    "clipnorm_momentum": dict(opt=("sgd", dict(learning_rate=0.05, momentum=0.9)), clip=("norm", 0.1)),
    "global_clipnorm_l2_adam": dict(opt=("adam", dict(learning_rate=0.01)), reg={"dense.kernel": (0.0, 0.05)}, clip=("global", 0.2)),
    "maxnorm": dict(opt=("sgd", dict(learning_rate=0.5)), cons={"dense.kernel": ("maxnorm", 0.8), "dense_1.kernel": ("maxnorm", 2.0)}),
    "unitnorm_nonneg": dict(opt=("sgd", dict(learning_rate=0.1)), cons={"dense.kernel": ("unitnorm", 0), "dense_1.kernel": ("nonneg", 0)}),
}


class Optimizer:
    def __init__(self, name, args):
        self.name, self.args, self.state, self.t = name, {k: f32(v) for k, v in args.items()}, {}, 0

    def step(self, params, grads):
        a = self.args
        self.t += 1
        for k in NAMES:
            g, w = grads[k], params[k]
            if self.name == "sgd" and a.get("momentum", 0) > 0:
                m = self.state.setdefault(k, np.zeros_like(w))
                m[:] = a["momentum"] * m - a["learning_rate"] * g
                params[k] = w + m
            elif self.name == "sgd":
                params[k] = w - a["learning_rate"] * g
            else:  # Keras Adam, defaults beta_1 0.9, beta_2 0.999, epsilon 1e-7
                b1, b2, eps = f32(0.9), f32(0.999), f32(1e-7)
                m = self.state.setdefault(k + "/m", np.zeros_like(w))
                v = self.state.setdefault(k + "/v", np.zeros_like(w))
                m += (g - m) * (1 - b1)
                v += (g * g - v) * (1 - b2)
                alpha = a["learning_rate"] * np.sqrt(1 - b2 ** self.t) / (1 - b1 ** self.t)
                params[k] = w - m * alpha / (np.sqrt(v) + eps)


def loss_and_gradients(params, x, y, reg):
    leaves = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in params.items()}
    h = torch.tanh(torch.tensor(x) @ leaves["dense.kernel"] + leaves["dense.bias"])
    out = h @ leaves["dense_1.kernel"] + leaves["dense_1.bias"]
    loss = ((out - torch.tensor(y)) ** 2).mean()
    for k, (l1, l2) in reg.items():
        loss = loss + f32(l1) * leaves[k].abs().sum() + f32(l2) * (leaves[k] ** 2).sum()
    grads = torch.autograd.grad(loss, [leaves[k] for k in NAMES])
    return loss.item(), {k: g.numpy().copy() for k, g in zip(NAMES, grads)}


def clip(grads, kind, c):
    c = f32(c)
    if kind == "value":
        out = {k: np.clip(g, -c, c) for k, g in grads.items()}
        # torch's clip_grad_value_ is the same operation.
        ts = [torch.tensor(grads[k]) for k in NAMES]
        for t in ts:
            t.grad = t.clone()
        torch.nn.utils.clip_grad_value_(ts, c)
        assert all(np.array_equal(t.grad.numpy(), out[k]) for t, k in zip(ts, NAMES))
        return out, 0.0
    if kind == "norm":
        return {k: g * c / max(np.sqrt(np.sum(g * g)), c) for k, g in grads.items()}, 0.0
    n = np.sqrt(sum(np.sum(g * g) for g in grads.values()))
    out = {k: g * c / max(n, c) for k, g in grads.items()}
    ts = [torch.tensor(grads[k]) for k in NAMES]
    for t in ts:
        t.grad = t.clone()
    torch.nn.utils.clip_grad_norm_(ts, c)
    gap = max(float(np.max(np.abs(t.grad.numpy() - out[k]) / (np.abs(out[k]) + 1e-30))) for t, k in zip(ts, NAMES))
    return out, gap


def constrain(params, cons):
    for k, (kind, max_value) in cons.items():
        w = params[k]
        n = np.sqrt(np.sum(w * w, axis=0, keepdims=True))
        if kind == "maxnorm":
            params[k] = w * np.clip(n, 0, f32(max_value)) / (EPS + n)
        elif kind == "unitnorm":
            params[k] = w / (EPS + n)
        else:
            params[k] = np.maximum(w, 0)


def tensor_json(a):
    return {"shape": list(a.shape), "data": a.reshape(-1).tolist()}


def build(start, batches, name, run):
    params = {k: v.copy() for k, v in start.items()}
    opt = Optimizer(*run["opt"])
    steps, torch_gap, clipped = [], 0.0, 0
    for x, y in batches:
        loss, grads = loss_and_gradients(params, x, y, run.get("reg", {}))
        if "clip" in run:
            before = grads
            grads, gap = clip(grads, *run["clip"])
            torch_gap = max(torch_gap, gap)
            clipped += any(not np.array_equal(before[k], grads[k]) for k in NAMES)
        opt.step(params, grads)
        constrain(params, run.get("cons", {}))
        steps.append({"loss": loss, "parameters": {k: tensor_json(v) for k, v in params.items()}})
    if "clip" in run:
        assert clipped >= STEPS // 2, f"{name}: clipping was active in only {clipped} steps"
        print(f"{name:26} clipping active in {clipped}/{STEPS} steps; torch clip_grad_norm_ relative gap {torch_gap:.2e}")
    else:
        print(f"{name:26} loss {steps[0]['loss']:.5f} -> {steps[-1]['loss']:.5f}")
    return {"steps": steps}




def main():
    rng = np.random.default_rng(SEED)
    start = {k: (rng.standard_normal(s) * (0.5 if k.endswith("kernel") else 0.1)).astype(np.float32).astype(np.float64)
             for k, s in zip(NAMES, [(INPUTS, HIDDEN), (HIDDEN,), (HIDDEN, OUTPUTS), (OUTPUTS,)])}
    teacher = rng.standard_normal((INPUTS, OUTPUTS)) * 0.5
    xs = [rng.standard_normal((BATCH, INPUTS)).astype(np.float32).astype(np.float64) for _ in range(STEPS)]
    batches = [(x, (x @ teacher).astype(np.float32).astype(np.float64)) for x in xs]
    document = {
        "version": FIXTURE_VERSION, "generator": "make_regularization.py", "seed": SEED, "steps": STEPS,
        "initial": {k: tensor_json(v) for k, v in start.items()},
        "batches": [{"inputs": tensor_json(x), "targets": tensor_json(y)} for x, y in batches],
        "runs": {name: build(start, batches, name, run) for name, run in RUNS.items()},
    }
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        write_json(document, f)
        f.write("\n")


if __name__ == "__main__":
    main()
