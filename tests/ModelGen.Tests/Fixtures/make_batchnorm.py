"""Writes batchnorm.json: the reference for [BatchNormalization] (Tests: Numerics/BatchNormReferenceTests.cs).

Each case is a small sequential model (Models/BatchNormModels.cs) trained for three steps on one batch with SGD or
Adam, in float64 from float32-rounded starting values. The batch normalization is Keras 3's
(keras/src/layers/normalization/batch_normalization.py): batch mean and *biased* batch variance while training,
y = gamma (x - mean) / sqrt(var + eps) + beta, moving = moving * momentum + batch * (1 - momentum), and the moving
statistics at inference. The script checks this against torch.nn.functional.batch_norm with PyTorch's conventions
(momentum_torch = 1 - momentum_keras; running_var from the *unbiased* batch variance), so the two frameworks' forward
passes agree and their moving variances differ exactly by n / (n - 1). Gradients are PyTorch autograd's.
Recorded per case: the three step losses, every gradient of the first step, every parameter and moving statistic
after the three steps, and the inference output on a second batch.
"""
import math
import os
import torch
from fixture_json import write_json

torch.set_default_dtype(torch.float64)
N, STEPS = 8, 3


def f32(t):
    return t.to(torch.float32).to(torch.float64)


def dense(units, act="linear", bias=True):
    return dict(kind="dense", units=units, act=act, bias=bias)


def bn(momentum=0.99, eps=1e-3, act="linear", center=True, scale=True):
    return dict(kind="bn", momentum=momentum, eps=eps, act=act, center=center, scale=scale)


ACT = {"linear": lambda z: z, "relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid}

CASES = {
    # Keras' "before the activation": Dense(use_bias=False), BatchNormalization(), Activation("relu").
    "before_relu_sgd": ([dense(40, bias=False), bn(act="relu"), dense(3)], dict(name="sgd", lr=0.1)),
    "before_relu_adam": ([dense(40, bias=False), bn(act="relu"), dense(3)], dict(name="adam", lr=0.01)),
    # "After the activation": Dense(relu), BatchNormalization().
    "after_relu_sgd": ([dense(40, "relu"), bn(), dense(3)], dict(name="sgd", lr=0.1)),
    "after_relu_adam": ([dense(40, "relu"), bn(), dense(3)], dict(name="adam", lr=0.01)),
    # Both folds into one Dense layer, non-default momentum and epsilon, no beta.
    "chain_sgd": ([dense(40, "relu"), bn(momentum=0.9), dense(24, bias=False), bn(momentum=0.8, eps=1e-5, act="relu", center=False), dense(3)],
                  dict(name="sgd", lr=0.05)),
    # A normalization with an activation after a nonlinear layer: folds nowhere (one fused pass); no gamma.
    "fused_sgd": ([dense(12, "tanh"), bn(act="tanh", scale=False), dense(3)], dict(name="sgd", lr=0.1)),
}


def names(layers):
    out, d, b = [], 0, 0
    for l in layers:
        if l["kind"] == "dense":
            out.append("dense" if d == 0 else f"dense_{d}")
            d += 1
        else:
            out.append("batch_normalization" if b == 0 else f"batch_normalization_{b}")
            b += 1
    return out


def init(layers, inputs, g):
    params, stats = {}, {}
    width = inputs
    for name, l in zip(names(layers), layers):
        if l["kind"] == "dense":
            params[name + ".kernel"] = f32((torch.rand(width, l["units"], generator=g) - 0.5) * 1.2)
            if l["bias"]:
                params[name + ".bias"] = f32((torch.rand(l["units"], generator=g) - 0.5) * 0.4)
            width = l["units"]
        else:
            if l["scale"]:
                params[name + ".gamma"] = f32(1 + (torch.rand(width, generator=g) - 0.5) * 0.5)
            if l["center"]:
                params[name + ".beta"] = f32((torch.rand(width, generator=g) - 0.5) * 0.5)
            stats[name + ".moving_mean"] = f32((torch.rand(width, generator=g) - 0.5) * 0.2)
            stats[name + ".moving_variance"] = f32(0.5 + torch.rand(width, generator=g))
    return params, stats


def forward(layers, params, stats, x, training):
    h = x
    for name, l in zip(names(layers), layers):
        if l["kind"] == "dense":
            h = h @ params[name + ".kernel"]
            if l["bias"]:
                h = h + params[name + ".bias"]
            h = ACT[l["act"]](h)
            continue
        gamma = params.get(name + ".gamma")
        beta = params.get(name + ".beta")
        mm, mv = stats[name + ".moving_mean"], stats[name + ".moving_variance"]
        eps, m = f32(torch.tensor(l["eps"])).item(), f32(torch.tensor(l["momentum"])).item()
        if training:
            mean = h.mean(0)
            var = ((h - mean) ** 2).mean(0)  # biased, as Keras
            # PyTorch's functional batch norm gives the same output; its running_var uses the unbiased variance.
            rm, rv = mm.clone(), mv.clone()
            ref = torch.nn.functional.batch_norm(h.detach(), rm, rv, None if gamma is None else gamma.detach(),
                                                 None if beta is None else beta.detach(), training=True, momentum=1 - m, eps=eps)
            n = h.shape[0]
            stats[name + ".moving_mean"] = mm * m + mean.detach() * (1 - m)
            stats[name + ".moving_variance"] = mv * m + var.detach() * (1 - m)
            assert torch.allclose(rm, stats[name + ".moving_mean"], rtol=1e-12, atol=1e-14)
            assert torch.allclose(rv, mv * m + var.detach() * n / (n - 1) * (1 - m), rtol=1e-12, atol=1e-14)
        else:
            mean, var = mm, mv
            ref = None
        y = (h - mean) / torch.sqrt(var + eps)
        if gamma is not None:
            y = y * gamma
        if beta is not None:
            y = y + beta
        if ref is not None:
            assert torch.allclose(ref, y.detach(), rtol=1e-10, atol=1e-12)
        h = ACT[l["act"]](y)
    return h


def run(layers, opt, g):
    inputs = 5
    params, stats = init(layers, inputs, g)
    start = {k: v.flatten().tolist() for k, v in {**params, **stats}.items()}
    x = f32((torch.rand(N, inputs, generator=g) - 0.5) * 3)
    t = f32((torch.rand(N, 3, generator=g) - 0.5) * 2)
    x_eval = f32((torch.rand(N, inputs, generator=g) - 0.5) * 3)
    for p in params.values():
        p.requires_grad_(True)
    lr = f32(torch.tensor(opt["lr"])).item()
    m_state = {k: torch.zeros_like(v) for k, v in params.items()}
    v_state = {k: torch.zeros_like(v) for k, v in params.items()}
    losses, grads0 = [], None
    b1, b2, eps = f32(torch.tensor(0.9)).item(), f32(torch.tensor(0.999)).item(), f32(torch.tensor(1e-7)).item()
    for step in range(STEPS):
        for p in params.values():
            p.grad = None
        loss = ((forward(layers, params, stats, x, True) - t) ** 2).mean()
        loss.backward()
        losses.append(loss.item())
        if step == 0:
            grads0 = {k: p.grad.tolist() for k, p in params.items()}
        with torch.no_grad():
            for k, p in params.items():
                gk = p.grad
                if opt["name"] == "sgd":
                    p -= lr * gk
                else:  # Keras 3 Adam
                    it = step + 1
                    m_state[k] += (gk - m_state[k]) * (1 - b1)
                    v_state[k] += (gk * gk - v_state[k]) * (1 - b2)
                    alpha = lr * math.sqrt(1 - b2 ** it) / (1 - b1 ** it)
                    p -= m_state[k] * alpha / (torch.sqrt(v_state[k]) + eps)
    with torch.no_grad():
        predict = forward(layers, params, stats, x_eval, False)
    return {
        "optimizer": opt["name"], "learning_rate": opt["lr"],
        "start": start,
        "x": x.flatten().tolist(), "t": t.flatten().tolist(), "x_eval": x_eval.flatten().tolist(),
        "losses": losses,
        "gradients": {k: torch.tensor(v).flatten().tolist() for k, v in grads0.items()},
        "final": {k: v.detach().flatten().tolist() for k, v in {**params, **stats}.items()},
        "predict": predict.flatten().tolist(),
    }


def main():
    g = torch.Generator().manual_seed(2024)
    out = {name: run(layers, opt, g) for name, (layers, opt) in CASES.items()}
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "batchnorm.json"), "w") as f:
        write_json(out, f)
        f.write("\n")


if __name__ == "__main__":
    main()
