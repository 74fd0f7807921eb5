#!/usr/bin/python3
"""Writes graphs.json: PyTorch's numbers for the wide & deep functional model of docs/reference/functional-models.md
(issue #6), computed in float64 from float32 starting values.

    /usr/bin/python3 tests/ModelGen.Tests/Fixtures/make_graphs.py     (Debian: python3-torch, PyTorch 1.13)

The model (the book's second variant: separate wide and deep inputs with overlapping features, an auxiliary output):

    Wide  = Input(5)                 Deep = Input(6)
    Hidden1 = Dense(30, relu)(Deep)  Hidden2 = Dense(30, relu)(Hidden1)
    Concat  = Concatenate()([Wide, Hidden2])            (Keras axis -1: Wide's 5 features first)
    main_output = Dense(1)(Concat)   aux_output = Dense(1)(Hidden2)
    loss = 0.9 * mse(main_output, y_main) + 0.1 * mse(aux_output, y_aux)   (Keras: sum_over_batch_size per output)

Hidden2 fans out (to Concat and aux_output), so its gradient is the sum of both paths'. Kernels are [inputs, units]
(Keras' layout; PyTorch's nn.Linear weight is the transpose). The script refuses to write unless every gradient
entry agrees with a central finite difference of the float64 loss.

The C# side is Numerics/GraphModelTests.cs (WideAndDeep_ForwardLossAndGradients_MatchPyTorch, 1e-5 relative).
"""

import json
import os

import torch

SEED = 20261122
FIXTURE_VERSION = 1
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "graphs.json")
BATCH = 6
WIDE, DEEP, HIDDEN = 5, 6, 30
LOSS_WEIGHTS = {"main_output": 0.9, "aux_output": 0.1}

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(SEED)


def f32(t):
    """Rounds to float32 and back, so both sides start from the same bits."""
    return t.to(torch.float32).to(torch.float64)


def glorot(fan_in, fan_out):
    limit = (6.0 / (fan_in + fan_out)) ** 0.5
    return f32((torch.rand((fan_in, fan_out), generator=gen) * 2 - 1) * limit)


def small(shape):
    # Non-zero biases, so the bias gradients are exercised with the biases in play.
    return f32((torch.rand(shape, generator=gen) * 2 - 1) * 0.1)


PARAMS = {
    "Hidden1.kernel": glorot(DEEP, HIDDEN), "Hidden1.bias": small((HIDDEN,)),
    "Hidden2.kernel": glorot(HIDDEN, HIDDEN), "Hidden2.bias": small((HIDDEN,)),
    "main_output.kernel": glorot(WIDE + HIDDEN, 1), "main_output.bias": small((1,)),
    "aux_output.kernel": glorot(HIDDEN, 1), "aux_output.bias": small((1,)),
}
WIDE_X = f32(torch.randn((BATCH, WIDE), generator=gen))
DEEP_X = f32(torch.randn((BATCH, DEEP), generator=gen))
Y_MAIN = f32(torch.randn((BATCH, 1), generator=gen))
Y_AUX = f32(torch.randn((BATCH, 1), generator=gen))


def forward(p):
    h1 = torch.relu(DEEP_X @ p["Hidden1.kernel"] + p["Hidden1.bias"])
    h2 = torch.relu(h1 @ p["Hidden2.kernel"] + p["Hidden2.bias"])
    concat = torch.cat([WIDE_X, h2], dim=1)
    main = concat @ p["main_output.kernel"] + p["main_output.bias"]
    aux = h2 @ p["aux_output.kernel"] + p["aux_output.bias"]
    return {"Hidden1": h1, "Hidden2": h2, "Concat": concat, "main_output": main, "aux_output": aux}


def losses(values):
    main = torch.nn.functional.mse_loss(values["main_output"], Y_MAIN)
    aux = torch.nn.functional.mse_loss(values["aux_output"], Y_AUX)
    return main, aux, LOSS_WEIGHTS["main_output"] * main + LOSS_WEIGHTS["aux_output"] * aux


def main():
    params = {k: v.clone().requires_grad_(True) for k, v in PARAMS.items()}
    values = forward(params)
    main_loss, aux_loss, total = losses(values)
    total.backward()
    grads = {k: v.grad.detach() for k, v in params.items()}

    # Self-test: every gradient entry against a central difference of the float64 loss.
    h = 1e-6
    for name, base in PARAMS.items():
        flat = base.reshape(-1)
        for i in range(flat.numel()):
            plus = {k: v.clone() for k, v in PARAMS.items()}
            minus = {k: v.clone() for k, v in PARAMS.items()}
            plus[name].reshape(-1)[i] += h
            minus[name].reshape(-1)[i] -= h
            numeric = (losses(forward(plus))[2] - losses(forward(minus))[2]) / (2 * h)
            analytic = grads[name].reshape(-1)[i]
            assert abs(numeric - analytic) <= 1e-6 * max(1.0, abs(analytic)), (name, i, float(numeric), float(analytic))
    # ReLU inputs away from 0, so float32 rounding cannot flip a unit on or off.
    plain = forward(PARAMS)
    z1 = DEEP_X @ PARAMS["Hidden1.kernel"] + PARAMS["Hidden1.bias"]
    z2 = plain["Hidden1"] @ PARAMS["Hidden2.kernel"] + PARAMS["Hidden2.bias"]
    for layer, z in (("Hidden1", z1), ("Hidden2", z2)):
        assert z.abs().min() > 1e-5, layer

    def tensor(t):
        return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1)]}

    fixture = {
        "version": FIXTURE_VERSION,
        "generator": "make_graphs.py",
        "seed": SEED,
        "models": {
            "wide_and_deep": {
                "inputs": {"Wide": tensor(WIDE_X), "Deep": tensor(DEEP_X)},
                "targets": {"main_output": tensor(Y_MAIN), "aux_output": tensor(Y_AUX)},
                "loss_weights": LOSS_WEIGHTS,
                "initial": {k: tensor(v) for k, v in PARAMS.items()},
                "values": {k: tensor(v.detach()) for k, v in values.items()},
                "losses": {"main_output_loss": float(main_loss), "aux_output_loss": float(aux_loss), "loss": float(total)},
                "gradients": {k: tensor(v) for k, v in grads.items()},
            }
        },
    }
    with open(OUTPUT, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"wrote {OUTPUT}: loss {float(total):.6f}")


if __name__ == "__main__":
    main()
