#!/usr/bin/python3
"""Writes graph_sparse.json: PyTorch's numbers for functional models with integer-label outputs (sparse categorical
cross-entropy) and per-output Huber deltas, in float64 from float32 values.

    /usr/bin/python3 tests/ModelGen.Tests/Fixtures/make_graph_sparse.py     (Debian: python3-torch, PyTorch 1.13)

The models (tests/ModelGen.Tests/Models/GraphSparseModels.cs):

    sparse_probs  (SparseProbNet):  X = Input(5); Hidden = Dense(8, tanh)(X)
        reg = Dense(2)(Hidden)           loss mse, weight 0.4
        cls = Dense(4, softmax)(Hidden)  loss sparse_categorical_crossentropy, weight 0.6, metrics accuracy
    sparse_logits (SparseLogitsNet): X = Input(5); Hidden = Dense(8, tanh)(X)
        cls = Dense(3)(Hidden)           loss sparse_categorical_crossentropy(from_logits=True), weight 0.7,
                                         metrics sparse_categorical_accuracy
        reg = Dense(2)(Hidden)           loss mse, weight 0.3
    huber         (HuberDeltaNet):   X = Input(4); Hidden = Dense(6, tanh)(X)
        narrow = Dense(3)(Hidden)        loss Huber(delta=0.5), weight 0.7
        wide   = Dense(2)(Hidden)        loss Huber(delta=2.5), weight 0.3

Keras semantics (/work/shared/KERAS-REFERENCE.md): sparse categorical cross-entropy is categorical cross-entropy
against one-hot(label): on probabilities renormalised (p / Σp) and clipped to [1e-7, 1 - 1e-7], from logits
-log_softmax(z)[label]; mean over the batch. PyTorch's nll_loss of the log of those probabilities and its
cross_entropy of the logits (class-index targets) give the same numbers, and are what this script uses.
Keras' Huber(delta) is PyTorch's HuberLoss(delta) (not SmoothL1Loss, which divides by beta), mean over every element.
"accuracy" on an integer-label output resolves to sparse_categorical_accuracy: argmax(p) == label.

Every gradient is checked against central differences of the float64 loss before the file is written. "steps" holds
the parameters after three optimizer steps on the same batch, each the update of Keras 3 (adam.py: Adam with
epsilon 1e-7 outside the root and the bias corrections folded into the rate; sgd.py: w -= lr·g), hyperparameters
rounded to float32 as the C# model holds them.
"""
import math
import os

import numpy as np
import torch

from fixture_json import write_json

SEED = 22112026
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "graph_sparse.json")
BATCH = 12
EPS = 1e-7
STEPS = 3

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(SEED)


def f32(t):
    return t.to(torch.float32).to(torch.float64)


def f32s(x):
    return float(np.float32(x))


def uniform(shape, scale):
    return f32((torch.rand(shape, generator=gen) * 2 - 1) * scale)


def dense(name, inputs, units, scale):
    return {name + ".kernel": uniform((inputs, units), scale), name + ".bias": uniform((units,), 0.2)}


def sparse_probs_loss(p, labels):
    q = (p / p.sum(dim=1, keepdim=True)).clamp(EPS, 1 - EPS)
    return torch.nn.functional.nll_loss(torch.log(q), labels)


# ---- The three models ----------------------------------------------------------------------------------------

def make_sparse_probs():
    params = {**dense("Hidden", 5, 8, 0.8), **dense("reg", 8, 2, 0.8), **dense("cls", 8, 4, 1.5)}
    x = f32(torch.randn((BATCH, 5), generator=gen))
    targets = {"reg": f32(torch.randn((BATCH, 2), generator=gen)), "cls": torch.randint(0, 4, (BATCH,), generator=gen)}
    weights = {"reg": 0.4, "cls": 0.6}

    def forward(p):
        h = torch.tanh(x @ p["Hidden.kernel"] + p["Hidden.bias"])
        return {"reg": h @ p["reg.kernel"] + p["reg.bias"], "cls": torch.softmax(h @ p["cls.kernel"] + p["cls.bias"], dim=1)}

    def losses(v):
        reg = torch.nn.functional.mse_loss(v["reg"], targets["reg"])
        cls = sparse_probs_loss(v["cls"], targets["cls"])
        return {"reg_loss": reg, "cls_loss": cls, "loss": f32s(weights["reg"]) * reg + f32s(weights["cls"]) * cls}

    def metrics(v):
        return {"cls_accuracy": float((v["cls"].argmax(dim=1) == targets["cls"]).to(torch.float64).mean())}

    return dict(params=params, x=x, targets=targets, forward=forward, losses=losses, metrics=metrics,
                optimizer=dict(name="adam", learning_rate=0.01))


def make_sparse_logits():
    params = {**dense("Hidden", 5, 8, 0.8), **dense("cls", 8, 3, 1.5), **dense("reg", 8, 2, 0.8)}
    x = f32(torch.randn((BATCH, 5), generator=gen))
    targets = {"cls": torch.randint(0, 3, (BATCH,), generator=gen), "reg": f32(torch.randn((BATCH, 2), generator=gen))}
    weights = {"cls": 0.7, "reg": 0.3}

    def forward(p):
        h = torch.tanh(x @ p["Hidden.kernel"] + p["Hidden.bias"])
        return {"cls": h @ p["cls.kernel"] + p["cls.bias"], "reg": h @ p["reg.kernel"] + p["reg.bias"]}

    def losses(v):
        cls = torch.nn.functional.cross_entropy(v["cls"], targets["cls"])
        reg = torch.nn.functional.mse_loss(v["reg"], targets["reg"])
        return {"cls_loss": cls, "reg_loss": reg, "loss": f32s(weights["cls"]) * cls + f32s(weights["reg"]) * reg}

    def metrics(v):
        return {"cls_sparse_categorical_accuracy": float((v["cls"].argmax(dim=1) == targets["cls"]).to(torch.float64).mean())}

    return dict(params=params, x=x, targets=targets, forward=forward, losses=losses, metrics=metrics,
                optimizer=dict(name="adam", learning_rate=0.01))


def make_huber():
    params = {**dense("Hidden", 4, 6, 0.8), **dense("narrow", 6, 3, 0.8), **dense("wide", 6, 2, 1.2)}
    x = f32(torch.randn((BATCH, 4), generator=gen))
    # Residuals on both sides of each delta: targets spread over ±1.5 for delta 0.5 and ±5 for delta 2.5.
    targets = {"narrow": f32((torch.rand((BATCH, 3), generator=gen) * 2 - 1) * 1.5),
               "wide": f32((torch.rand((BATCH, 2), generator=gen) * 2 - 1) * 5)}
    weights = {"narrow": 0.7, "wide": 0.3}
    deltas = {"narrow": 0.5, "wide": 2.5}

    def forward(p):
        h = torch.tanh(x @ p["Hidden.kernel"] + p["Hidden.bias"])
        return {"narrow": h @ p["narrow.kernel"] + p["narrow.bias"], "wide": h @ p["wide.kernel"] + p["wide.bias"]}

    def losses(v):
        narrow = torch.nn.HuberLoss(delta=deltas["narrow"])(v["narrow"], targets["narrow"])
        wide = torch.nn.HuberLoss(delta=deltas["wide"])(v["wide"], targets["wide"])
        return {"narrow_loss": narrow, "wide_loss": wide, "loss": f32s(weights["narrow"]) * narrow + f32s(weights["wide"]) * wide}

    def metrics(v):
        # How many residuals fall outside each delta: the test needs both branches of each loss.
        return {
            "narrow_outside": float(((v["narrow"] - targets["narrow"]).abs() > deltas["narrow"]).to(torch.float64).mean()),
            "wide_outside": float(((v["wide"] - targets["wide"]).abs() > deltas["wide"]).to(torch.float64).mean()),
        }

    return dict(params=params, x=x, targets=targets, forward=forward, losses=losses, metrics=metrics,
                optimizer=dict(name="sgd", learning_rate=0.05))


# ---- Keras 3's optimizer updates (float64) ---------------------------------------------------------------------

def optimizer_steps(case):
    opt = case["optimizer"]
    lr = f32s(opt["learning_rate"])
    b1, b2, eps = f32s(0.9), f32s(0.999), f32s(1e-7)
    w = {k: v.clone() for k, v in case["params"].items()}
    m = {k: torch.zeros_like(v) for k, v in w.items()}
    s = {k: torch.zeros_like(v) for k, v in w.items()}
    step_losses = []
    for t in range(1, STEPS + 1):
        p = {k: v.clone().requires_grad_(True) for k, v in w.items()}
        loss = case["losses"](case["forward"](p))["loss"]
        loss.backward()
        step_losses.append(float(loss))
        with torch.no_grad():
            for k in w:
                g = p[k].grad
                if opt["name"] == "sgd":
                    w[k] = w[k] - lr * g
                    continue
                alpha = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
                m[k] += (g - m[k]) * (1 - b1)
                s[k] += (g * g - s[k]) * (1 - b2)
                w[k] = w[k] - (m[k] * alpha) / (torch.sqrt(s[k]) + eps)
    return step_losses, w


def flat(t):
    return {"shape": list(t.shape), "data": [float(x) for x in t.reshape(-1)]}


def labels(t):
    return [int(x) for x in t]


def build(case):
    params = {k: v.clone().requires_grad_(True) for k, v in case["params"].items()}
    values = case["forward"](params)
    l = case["losses"](values)
    l["loss"].backward()
    grads = {k: v.grad.clone() for k, v in params.items()}

    # Central differences of the float64 loss, entry by entry: refuse to write a wrong fixture.
    h = 1e-6
    for name, p in case["params"].items():
        for i in range(p.numel()):
            plus = {k: v.clone() for k, v in case["params"].items()}
            minus = {k: v.clone() for k, v in case["params"].items()}
            plus[name].view(-1)[i] += h
            minus[name].view(-1)[i] -= h
            fd = (case["losses"](case["forward"](plus))["loss"] - case["losses"](case["forward"](minus))["loss"]) / (2 * h)
            g = grads[name].view(-1)[i]
            assert abs(fd - g) <= 1e-7 + 1e-6 * abs(g), (name, i, float(fd), float(g))

    with torch.no_grad():
        metrics = case["metrics"](case["forward"](case["params"]))
    step_losses, stepped = optimizer_steps(case)
    return {
        "initial": {k: flat(v) for k, v in case["params"].items()},
        "inputs": flat(case["x"]),
        "targets": {k: labels(t) if t.dtype == torch.int64 else flat(t) for k, t in case["targets"].items()},
        "values": {k: flat(t.detach()) for k, t in values.items()},
        "losses": {k: float(t) for k, t in l.items()},
        "metrics": metrics,
        "gradients": {k: flat(g) for k, g in grads.items()},
        "step_losses": step_losses,
        "steps": {k: flat(v) for k, v in stepped.items()},
    }


def main():
    cases = {"sparse_probs": make_sparse_probs(), "sparse_logits": make_sparse_logits(), "huber": make_huber()}
    out = {"version": 1}
    out.update({name: build(case) for name, case in cases.items()})
    assert 0 < out["huber"]["metrics"]["narrow_outside"] < 1 and 0 < out["huber"]["metrics"]["wide_outside"] < 1, out["huber"]["metrics"]
    with open(OUTPUT, "w") as f:
        write_json(out, f)
        f.write("\n")


if __name__ == "__main__":
    main()
