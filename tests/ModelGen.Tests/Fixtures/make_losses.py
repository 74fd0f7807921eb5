#!/usr/bin/python3
"""Writes losses.json: the value of every ModelGen loss and its gradient with respect to the model's output
(or, for the fused forms, with respect to the output layer's pre-activation z), computed by PyTorch in float64.

    /usr/bin/python3 tests/ModelGen.Tests/Fixtures/make_losses.py     (Debian: python3-torch, PyTorch 1.13)

The C# side (Numerics/LossReferenceTests.cs) puts each case's [batch, outputs] matrix z into the kernel of a
one-layer model [Input(batch)] [Dense(outputs, activation, UseBias = false)] and feeds the identity matrix as
the batch, so output row n is exactly z[n] and the kernel gradient is exactly dL/dz: the loss's own gradient,
nothing else in between. z and the targets are drawn as float32 and written as their exact values.

The values follow Keras 3 (KERAS-REFERENCE.md section 4): sum_over_batch_size reduction, mean over the last
axis for MSE/MAE/Huber/BCE, sum over classes for the cross-entropies, probabilities clipped to
[1e-7, 1 - 1e-7] (1 - 2^-23 in float32) and renormalised for CCE. Each is computed with the torch.nn.functional
loss where one exists (mse_loss, l1_loss, huber_loss, binary_cross_entropy(_with_logits), cross_entropy with
probability targets, nll_loss), applied to the clipped probabilities where Keras clips.

Gradients: where ModelGen fuses the loss with the output activation (sigmoid + BCE, softmax + CCE/SCCE) its
gradient is the exact derivative of the unclipped loss, p - y (the TF backend's choice; the torch and JAX
backends zero it where the clip is active): the reference gradient is then autograd of the stable logits form
(binary_cross_entropy_with_logits / cross_entropy on z), which is equal away from the clip bounds. Everywhere
else the reference gradient is autograd of the Keras value itself.

The extreme cases put logits at +-30 ... +-1000, where a naive log(sigmoid) or log(softmax) gives inf or NaN:
the stable forms (and PyTorch's) stay finite.
"""

import json
import math
import os

import torch
import torch.nn.functional as F

SEED = 20261122
FIXTURE_VERSION = 1
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "losses.json")
EPS = 1e-7
ONE_MINUS_EPS = 1.0 - 2.0 ** -23  # float32(1 - 1e-7)
BATCH = 4

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(SEED)


def f32(t):
    """Rounds to float32 and back, so both sides start from the same bits."""
    return t.to(torch.float32).to(torch.float64)


def uniform(shape, lo, hi):
    return f32(torch.rand(shape, generator=gen) * (hi - lo) + lo)


def clip(p):
    return p.clamp(EPS, ONE_MINUS_EPS)


def activate(z, activation):
    if activation == "sigmoid":
        return torch.sigmoid(z)
    if activation == "softmax":
        return torch.softmax(z, dim=-1)
    return z


def keras_value(loss, y, t, labels, delta):
    """The Keras 3 loss of output y (after the activation) against targets t or labels."""
    if loss == "mean_squared_error":
        return F.mse_loss(y, t)
    if loss == "mean_absolute_error":
        return F.l1_loss(y, t)
    if loss == "huber":
        return F.huber_loss(y, t, delta=delta)
    if loss == "binary_crossentropy":
        return F.binary_cross_entropy(clip(y), t)
    if loss == "binary_crossentropy_logits":
        return F.binary_cross_entropy_with_logits(y, t)
    if loss == "categorical_crossentropy":
        p = clip(y / y.sum(dim=-1, keepdim=True))
        return -(t * torch.log(p)).sum(dim=-1).mean()
    if loss == "categorical_crossentropy_logits":
        return F.cross_entropy(y, t)
    if loss == "sparse_categorical_crossentropy":
        return F.nll_loss(torch.log(clip(y)), labels)
    if loss == "sparse_categorical_crossentropy_logits":
        return F.cross_entropy(y, labels)
    raise ValueError(loss)


def fused_logits_value(loss, z, t, labels):
    """The stable logits form whose derivative the fused gradient is."""
    if loss == "binary_crossentropy":
        return F.binary_cross_entropy_with_logits(z, t)
    if loss == "categorical_crossentropy":
        return F.cross_entropy(z, t)
    return F.cross_entropy(z, labels)


FUSED = {("binary_crossentropy", "sigmoid"), ("categorical_crossentropy", "softmax"),
         ("sparse_categorical_crossentropy", "softmax")}


def case(name, loss, activation, z, t=None, labels=None, delta=1.0):
    key = loss + ("_logits" if activation == "identity" and "crossentropy" in loss else "")
    from_logits = key.endswith("_logits")
    z = z.clone().requires_grad_(True)
    value = keras_value(key, activate(z, activation), t, labels, delta)
    fused = (loss, activation) in FUSED
    grad_of = fused_logits_value(loss, z, t, labels) if fused else value
    (grad,) = torch.autograd.grad(grad_of, z)
    assert torch.isfinite(value) and torch.isfinite(grad).all(), name
    if fused and not extreme(name):
        assert torch.allclose(torch.autograd.grad(value, z, retain_graph=True)[0], grad, rtol=1e-9, atol=1e-12), name
    out = dict(name=name, loss=loss, activation=activation, from_logits=from_logits, delta=delta, fused=fused,
               z=z.detach().tolist(), value=value.item(), grad=grad.tolist())
    if t is not None:
        out["targets"] = t.tolist()
    if labels is not None:
        out["labels"] = labels.tolist()
    return out


def extreme(name):
    return "extreme" in name or "saturated" in name


def self_test(c):
    """Central differences in float64 on the reported value, for every case that is smooth where it sits."""
    if c["fused"] or c["loss"] == "mean_absolute_error":
        return
    z = torch.tensor(c["z"])
    t = torch.tensor(c["targets"]) if "targets" in c else None
    labels = torch.tensor(c["labels"]) if "labels" in c else None
    key = c["loss"] + ("_logits" if c["from_logits"] else "")
    h = 1e-6
    for i in range(z.shape[0]):
        for j in range(z.shape[1]):
            zp, zm = z.clone(), z.clone()
            zp[i, j] += h
            zm[i, j] -= h
            fd = (keras_value(key, activate(zp, c["activation"]), t, labels, c["delta"])
                  - keras_value(key, activate(zm, c["activation"]), t, labels, c["delta"])) / (2 * h)
            assert abs(fd.item() - c["grad"][i][j]) <= 1e-6 + 1e-5 * abs(fd.item()), (c["name"], i, j)


def one_hot(labels, k):
    return F.one_hot(labels, k).to(torch.float64)


def main():
    k = 3
    cases = []
    z = uniform((BATCH, k), -2, 2)
    t = uniform((BATCH, k), -2, 2)
    cases.append(case("mse", "mean_squared_error", "identity", z, t))
    cases.append(case("mae", "mean_absolute_error", "identity", uniform((BATCH, k), -2, 2), uniform((BATCH, k), -2, 2)))
    cases.append(case("huber", "huber", "identity", uniform((BATCH, k), -3, 3), uniform((BATCH, k), -1, 1)))
    cases.append(case("huber_delta", "huber", "identity", uniform((BATCH, k), -2, 2), uniform((BATCH, k), -1, 1), delta=0.5))
    binary = f32(torch.tensor([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0], [1.0, 1.0, 0.0], [0.25, 0.5, 0.75]]))
    cases.append(case("bce_sigmoid", "binary_crossentropy", "sigmoid", uniform((BATCH, k), -3, 3), binary))
    cases.append(case("bce_softmax", "binary_crossentropy", "softmax", uniform((BATCH, k), -2, 2), binary))
    cases.append(case("bce_logits", "binary_crossentropy", "identity", uniform((BATCH, k), -4, 4), binary))
    kc = 4
    labels = torch.tensor([2, 0, 3, 1])
    cases.append(case("cce_softmax", "categorical_crossentropy", "softmax", uniform((BATCH, kc), -2, 2), one_hot(labels, kc)))
    soft = f32(torch.tensor([[0.7, 0.1, 0.1, 0.1], [0.0, 0.5, 0.5, 0.0], [0.25, 0.25, 0.25, 0.25], [0.0, 0.0, 0.0, 1.0]]))
    cases.append(case("cce_softmax_soft", "categorical_crossentropy", "softmax", uniform((BATCH, kc), -2, 2), soft))
    cases.append(case("cce_logits", "categorical_crossentropy", "identity", uniform((BATCH, kc), -3, 3), one_hot(labels, kc)))
    cases.append(case("scce_softmax", "sparse_categorical_crossentropy", "softmax", uniform((BATCH, kc), -2, 2), labels=labels))
    cases.append(case("scce_logits", "sparse_categorical_crossentropy", "identity", uniform((BATCH, kc), -3, 3), labels=labels))
    # Extreme logits: naive forms overflow here; the stable forms and PyTorch's stay finite.
    big = f32(torch.tensor([[100.0, -100.0, 30.0], [-30.0, 0.0, 88.0], [-88.0, 17.0, -17.0], [1000.0, -1000.0, 0.5]]))
    cases.append(case("bce_logits_extreme", "binary_crossentropy", "identity", big, binary))
    cases.append(case("bce_sigmoid_saturated", "binary_crossentropy", "sigmoid", big, binary))
    huge = f32(torch.tensor([[1000.0, -1000.0, 0.0, 5.0], [-500.0, -400.0, -450.0, -1000.0],
                             [88.0, 89.0, -88.0, 0.0], [30.0, 30.0, 30.0, -30.0]]))
    cases.append(case("cce_logits_extreme", "categorical_crossentropy", "identity", huge, one_hot(labels, kc)))
    cases.append(case("cce_softmax_saturated", "categorical_crossentropy", "softmax", huge, one_hot(labels, kc)))
    cases.append(case("scce_logits_extreme", "sparse_categorical_crossentropy", "identity", huge, labels=labels))

    for c in cases:
        self_test(c)
    with open(OUTPUT, "w") as f:
        json.dump(dict(version=FIXTURE_VERSION, generator="make_losses.py", seed=SEED, batch=BATCH,
                       cases={c["name"]: c for c in cases}), f, indent=1)
        f.write("\n")
    print(f"wrote {OUTPUT}: {len(cases)} cases")


if __name__ == "__main__":
    main()
