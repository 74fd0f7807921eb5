#!/usr/bin/python3
"""Writes graph_losses.json: PyTorch's numbers for a functional model whose three outputs have different losses,
weights and metrics (issue #7: per-output losses and metrics of graph models), in float64 from float32 values.

    /usr/bin/python3 tests/ModelGen.Tests/Fixtures/make_graph_losses.py     (Debian: python3-torch, PyTorch 1.13)

The model (tests/ModelGen.Tests/Models/GraphLossModels.cs, MultiLossNet):

    X = Input(6);  Hidden = Dense(8, tanh)(X)
    reg  = Dense(2)(Hidden)            loss mse,                    weight 0.5, metrics mae, RootMeanSquaredError
    flag = Dense(1)(Hidden)            loss binary_crossentropy(from_logits=True), weight 0.3, metrics binary_accuracy
    cls  = Dense(3, softmax)(Hidden)   loss categorical_crossentropy, weight 0.2, metrics accuracy (-> categorical)
    loss = 0.5 * reg_loss + 0.3 * flag_loss + 0.2 * cls_loss

Keras semantics (/work/shared/KERAS-REFERENCE.md): each loss is its sum_over_batch_size mean (mse and binary
cross-entropy over units, then the batch; categorical cross-entropy summed over classes, mean over the batch, on
probabilities renormalised and clipped to [1e-7, 1 - 1e-7]); History reports "{output}_loss" unweighted and
"{output}_{metric}". binary_accuracy thresholds the raw output at 0.5 (as Keras, also for logits). PyTorch's
BCEWithLogitsLoss and its CrossEntropy on probabilities (NLL of the log) give the same values. Every gradient is
checked against central differences of the float64 loss before the file is written.
"""
import os

import torch

from fixture_json import write_json

SEED = 7112026
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "graph_losses.json")
BATCH, INPUTS, HIDDEN = 10, 6, 8
WEIGHTS = {"reg": 0.5, "flag": 0.3, "cls": 0.2}
EPS = 1e-7

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(SEED)


def f32(t):
    return t.to(torch.float32).to(torch.float64)


def uniform(shape, scale):
    return f32((torch.rand(shape, generator=gen) * 2 - 1) * scale)


PARAMS = {
    "Hidden.kernel": uniform((INPUTS, HIDDEN), 0.8), "Hidden.bias": uniform((HIDDEN,), 0.2),
    "reg.kernel": uniform((HIDDEN, 2), 0.8), "reg.bias": uniform((2,), 0.2),
    "flag.kernel": uniform((HIDDEN, 1), 1.5), "flag.bias": uniform((1,), 0.2),
    "cls.kernel": uniform((HIDDEN, 3), 1.5), "cls.bias": uniform((3,), 0.2),
}
X = f32(torch.randn((BATCH, INPUTS), generator=gen))
T_REG = f32(torch.randn((BATCH, 2), generator=gen))
T_FLAG = (torch.rand((BATCH, 1), generator=gen) > 0.5).to(torch.float64)
T_CLS = torch.nn.functional.one_hot(torch.randint(0, 3, (BATCH,), generator=gen), 3).to(torch.float64)


def forward(p):
    h = torch.tanh(X @ p["Hidden.kernel"] + p["Hidden.bias"])
    return {
        "reg": h @ p["reg.kernel"] + p["reg.bias"],
        "flag": h @ p["flag.kernel"] + p["flag.bias"],
        "cls": torch.softmax(h @ p["cls.kernel"] + p["cls.bias"], dim=1),
    }


def losses(v):
    reg = torch.nn.functional.mse_loss(v["reg"], T_REG)
    flag = torch.nn.functional.binary_cross_entropy_with_logits(v["flag"], T_FLAG)
    p = v["cls"] / v["cls"].sum(dim=1, keepdim=True)
    cls = -(T_CLS * torch.log(p.clamp(EPS, 1 - EPS))).sum(dim=1).mean()
    total = WEIGHTS["reg"] * reg + WEIGHTS["flag"] * flag + WEIGHTS["cls"] * cls
    return {"reg_loss": reg, "flag_loss": flag, "cls_loss": cls, "loss": total}


def flat(t):
    return {"shape": list(t.shape), "data": [float(x) for x in t.reshape(-1)]}


def main():
    params = {k: v.clone().requires_grad_(True) for k, v in PARAMS.items()}
    values = forward(params)
    l = losses(values)
    l["loss"].backward()
    grads = {k: v.grad.clone() for k, v in params.items()}

    # Central differences of the float64 loss, entry by entry: refuse to write a wrong fixture.
    h = 1e-6
    for name, p in PARAMS.items():
        for i in range(p.numel()):
            plus = {k: v.clone() for k, v in PARAMS.items()}
            minus = {k: v.clone() for k, v in PARAMS.items()}
            plus[name].view(-1)[i] += h
            minus[name].view(-1)[i] -= h
            fd = (losses(forward(plus))["loss"] - losses(forward(minus))["loss"]) / (2 * h)
            g = grads[name].view(-1)[i]
            assert abs(fd - g) <= 1e-7 + 1e-6 * abs(g), (name, i, float(fd), float(g))

    with torch.no_grad():
        v = forward(PARAMS)
        err = v["reg"] - T_REG
        metrics = {
            "reg_mae": float(err.abs().mean(dim=1).mean()),
            "reg_root_mean_squared_error": float(err.pow(2).mean(dim=1).mean().sqrt()),
            "flag_binary_accuracy": float(((v["flag"] > 0.5).to(torch.float64) == T_FLAG).to(torch.float64).mean(dim=1).mean()),
            "cls_accuracy": float((v["cls"].argmax(dim=1) == T_CLS.argmax(dim=1)).to(torch.float64).mean()),
        }
    out = {
        "version": 1,
        "initial": {k: flat(v) for k, v in PARAMS.items()},
        "inputs": flat(X),
        "targets": {"reg": flat(T_REG), "flag": flat(T_FLAG), "cls": flat(T_CLS)},
        "values": {k: flat(t.detach()) for k, t in values.items()},
        "losses": {k: float(t) for k, t in l.items()},
        "metrics": metrics,
        "gradients": {k: flat(g) for k, g in grads.items()},
    }
    with open(OUTPUT, "w") as f:
        write_json(out, f)
        f.write("\n")


if __name__ == "__main__":
    main()
