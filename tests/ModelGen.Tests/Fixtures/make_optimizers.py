#!/usr/bin/python3
"""Writes optimizers.json: 20 optimizer steps of every ModelGen optimizer on one small dense network, from the same
start and the same batches, for ModelGen's optimizer tests (tests/ModelGen.Tests/Numerics/OptimizerReferenceTests.cs).

    /usr/bin/python3 tests/ModelGen.Tests/Fixtures/make_optimizers.py     (Debian: python3-torch, python3-numpy)

The gradients come from PyTorch autograd in float64; the updates from keras_update() below, a NumPy float64
transcription of Keras 3's optimizers (keras/src/optimizers/{sgd,adam,adamw,adagrad,rmsprop,adadelta,adamax,nadam}.py
at keras-team/keras 3422977a, and the base class's decoupled weight decay). Where Keras and torch.optim compute the
same update, they are compared before anything is written (check_against_torch; not the runs whose learning rate
changes, nor the weight decay of optimizers other than AdamW, which PyTorch applies as a coupled L2 gradient term):
SGD, momentum and Nesterov exactly;
Adam, AMSGrad, AdamW, Adagrad, RMSprop (plain, centered, momentum) and Adamax with epsilon 0, where Keras' and
PyTorch's epsilon placements coincide (and Adagrad with PyTorch's initial_accumulator_value set to Keras' 0.1);
Adadelta as is (same equations); Nadam with PyTorch's momentum_decay set to 1, which turns its schedule
0.96^(t*0.004) into Keras' 0.96^t. PyTorch 1.13's NAdam has one more difference, a bug fixed in later releases: it
computes the next momentum product as u_product * u_t * u_{t+1}, counting u_t twice; the Nadam check therefore runs
the Keras reference with that one product changed (torch_113_nadam=True), which shows everything else agrees.
It also prints how far torch.optim with its own defaults lands from Keras.

Hyperparameters are rounded to float32 first, as the C# model holds them (and as Keras' float32 variables do), so
the tolerance measures only the float32 rounding of the code under test.
"""

import json
import math
import os

import numpy as np
import torch

from fixture_json import write_json

SEED = 20261122
FIXTURE_VERSION = 1
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optimizers.json")
STEPS = 20
BATCH = 4

# The network every optimizer trains: 5 -> 6 tanh -> 3 linear, mean squared error (smooth everywhere, so float32
# rounding in the code under test cannot take another branch). Keras layer names.
INPUTS, HIDDEN, OUTPUTS = 5, 6, 3
NAMES = ["dense.kernel", "dense.bias", "dense_1.kernel", "dense_1.bias"]


def schedule(t):
    """The learning-rate factor for step t (1-based) of the *_schedule runs: set on the model before each step."""
    return 0.5 ** ((t - 1) // 5)


# Every optimizer and variant, with Keras' argument names; the C# tests declare a model per entry with the same
# values (ModelGen.Tests/Models/OptimizerModels.cs). Omitted arguments take Keras' defaults (DEFAULTS).
RUNS = {
    "sgd": dict(name="sgd", learning_rate=0.1),
    "sgd_momentum": dict(name="sgd", learning_rate=0.05, momentum=0.9),
    "sgd_nesterov": dict(name="sgd", learning_rate=0.05, momentum=0.8, nesterov=True),
    "adam": dict(name="adam", learning_rate=0.01),
    "adam_amsgrad": dict(name="adam", learning_rate=0.01, beta_2=0.99, amsgrad=True),
    "adamw": dict(name="adamw", learning_rate=0.01),
    "adamw_amsgrad": dict(name="adamw", learning_rate=0.02, beta_1=0.8, weight_decay=0.05, epsilon=1e-6, amsgrad=True),
    # Keras' base class gives every optimizer the same decoupled weight decay (here with momentum, and Nadam's 8 scalars).
    "sgd_momentum_weight_decay": dict(name="sgd", learning_rate=0.05, momentum=0.9, weight_decay=0.02),
    "nadam_weight_decay": dict(name="nadam", learning_rate=0.01, weight_decay=0.05),
    "adagrad": dict(name="adagrad", learning_rate=0.1),
    "adagrad_custom": dict(name="adagrad", learning_rate=0.05, initial_accumulator_value=0.5, epsilon=1e-4),
    "rmsprop": dict(name="rmsprop", learning_rate=0.01),
    "rmsprop_centered": dict(name="rmsprop", learning_rate=0.01, rho=0.8, centered=True),
    "rmsprop_momentum": dict(name="rmsprop", learning_rate=0.005, momentum=0.9),
    "rmsprop_centered_momentum": dict(name="rmsprop", learning_rate=0.005, rho=0.95, momentum=0.5, centered=True),
    "adadelta": dict(name="adadelta", learning_rate=1.0),
    "adadelta_custom": dict(name="adadelta", learning_rate=0.5, rho=0.9, epsilon=1e-6),
    "adamax": dict(name="adamax", learning_rate=0.01),
    "nadam": dict(name="nadam", learning_rate=0.01),
    "nadam_custom": dict(name="nadam", learning_rate=0.02, beta_1=0.95, beta_2=0.99, epsilon=1e-5),
    # The learning rate changed between steps (what a schedule does): Keras' SGD velocity carries the old rate.
    "sgd_momentum_schedule": dict(name="sgd", learning_rate=0.05, momentum=0.9, schedule=True),
    "adam_schedule": dict(name="adam", learning_rate=0.01, schedule=True),
}

DEFAULTS = {
    "sgd": dict(learning_rate=0.01, momentum=0.0, nesterov=False),
    "adam": dict(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False),
    "adamw": dict(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False, weight_decay=0.004),
    "adagrad": dict(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7),
    "rmsprop": dict(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False),
    "adadelta": dict(learning_rate=0.001, rho=0.95, epsilon=1e-7),
    "adamax": dict(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7),
    "nadam": dict(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7),
}


def f32(x):
    """x rounded to float32, as a Python float (bools pass through)."""
    return x if isinstance(x, bool) else float(np.float32(x))


def resolved(run):
    """The run's full argument set: Keras' defaults, overridden by the run, every number rounded to float32."""
    args = dict(DEFAULTS[run["name"]])
    args.update({k: v for k, v in run.items() if k not in ("name", "schedule")})
    return {k: f32(v) for k, v in args.items()}


# ---- Keras 3's update equations, NumPy float64 ---------------------------------------------------------------

class KerasOptimizer:
    """One optimizer's state and apply(), in the order of keras/src/optimizers/base_optimizer.py apply(): weight
    decay (AdamW; w -= w * wd * lr on the pre-update weights, before the step), update_step for every variable,
    then iterations += 1. Slots start at zero except Adagrad's accumulator."""

    def __init__(self, name, args, torch_113_nadam=False):
        self.name, self.a = name, args
        self.torch_113_nadam = torch_113_nadam  # only for check_against_torch (see the module's docstring)
        self.iterations = 0
        self.slots = {}
        self.u_product = 1.0  # Nadam

    def slot(self, key, like, value=0.0):
        return self.slots.setdefault(key, np.full_like(like, value))

    def apply(self, params, grads, lr):
        a, t = self.a, self.iterations + 1
        if a.get("weight_decay"):  # _apply_weight_decay: AdamW's 0.004 by default, any optimizer's when given
            for k in params:
                params[k] = params[k] - params[k] * a["weight_decay"] * lr
        if self.name == "nadam":
            self.u_product *= a["beta_1"] * (1.0 - 0.5 * 0.96 ** t)
        for k in params:
            params[k] = self.update_step(k, grads[k], params[k], lr, t)
        self.iterations += 1

    def update_step(self, k, g, w, lr, t):
        a, n = self.a, self.name
        if n == "sgd":  # sgd.py
            if a["momentum"] == 0:
                return w - g * lr
            m = self.slot(("m", k), g)
            m[...] = -g * lr + m * a["momentum"]
            return w + (-g * lr + m * a["momentum"] if a["nesterov"] else m)
        if n in ("adam", "adamw"):  # adam.py (adamw.py is Adam plus the decay above)
            b1, b2 = a["beta_1"], a["beta_2"]
            m, v = self.slot(("m", k), g), self.slot(("v", k), g)
            alpha = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
            m += (g - m) * (1 - b1)
            v += (g * g - v) * (1 - b2)
            if a["amsgrad"]:
                v_hat = self.slot(("v_hat", k), g)
                v_hat[...] = np.maximum(v_hat, v)
                v = v_hat
            return w - (m * alpha) / (np.sqrt(v) + a["epsilon"])
        if n == "adagrad":  # adagrad.py
            acc = self.slot(("acc", k), g, a["initial_accumulator_value"])
            acc += g * g
            return w - lr * g / np.sqrt(acc + a["epsilon"])
        if n == "rmsprop":  # rmsprop.py
            rho = a["rho"]
            v = self.slot(("v", k), g)
            v[...] = rho * v + (1 - rho) * g * g
            if a["centered"]:
                mg = self.slot(("mg", k), g)
                mg[...] = rho * mg + (1 - rho) * g
                denominator = v - mg * mg + a["epsilon"]
            else:
                denominator = v + a["epsilon"]
            increment = lr * g / np.sqrt(denominator)
            if a["momentum"] > 0:
                mom = self.slot(("mom", k), g)
                mom[...] = a["momentum"] * mom + increment
                return w - mom
            return w - increment
        if n == "adadelta":  # adadelta.py
            rho, eps = a["rho"], a["epsilon"]
            eg, edx = self.slot(("eg", k), g), self.slot(("edx", k), g)
            eg[...] = rho * eg + (1 - rho) * g * g
            dx = -np.sqrt(edx + eps) * g / np.sqrt(eg + eps)
            edx[...] = rho * edx + (1 - rho) * dx * dx
            return w + lr * dx
        if n == "adamax":  # adamax.py
            b1 = a["beta_1"]
            m, u = self.slot(("m", k), g), self.slot(("u", k), g)
            m += (g - m) * (1 - b1)
            u[...] = np.maximum(a["beta_2"] * u, np.abs(g))
            return w - (lr * m) / ((1 - b1 ** t) * (u + a["epsilon"]))
        if n == "nadam":  # nadam.py; u_product already includes u_t (apply above)
            b1, b2 = a["beta_1"], a["beta_2"]
            m, v = self.slot(("m", k), g), self.slot(("v", k), g)
            u_t = b1 * (1.0 - 0.5 * 0.96 ** t)
            u_t1 = b1 * (1.0 - 0.5 * 0.96 ** (t + 1))
            u_product_t = self.u_product
            u_product_t1 = u_product_t * u_t1 * (u_t if self.torch_113_nadam else 1.0)
            m += (g - m) * (1 - b1)
            v += (g * g - v) * (1 - b2)
            m_hat = u_t1 * m / (1 - u_product_t1) + (1 - u_t) * g / (1 - u_product_t)
            v_hat = v / (1 - b2 ** t)
            return w - (m_hat * lr) / (np.sqrt(v_hat) + a["epsilon"])
        raise ValueError(n)


# ---- torch.optim where it computes the same update -------------------------------------------------------------

def torch_twin(name, a):
    """torch.optim settings under which PyTorch computes Keras' update exactly, as (optimizer factory, args used
    on the Keras side): epsilon 0 where the placements differ, Keras' accumulator for Adagrad, psi = 1 for NAdam."""
    if name == "sgd":
        return lambda p: torch.optim.SGD(p, lr=a["learning_rate"], momentum=a["momentum"], nesterov=a["nesterov"]), a
    if name in ("adam", "adamw"):
        b = dict(a, epsilon=0.0)
        cls = torch.optim.Adam if name == "adam" else torch.optim.AdamW
        extra = {} if name == "adam" else dict(weight_decay=a["weight_decay"])
        return lambda p: cls(p, lr=a["learning_rate"], betas=(a["beta_1"], a["beta_2"]), eps=0.0, amsgrad=a["amsgrad"], **extra), b
    if name == "adagrad":
        b = dict(a, epsilon=0.0)
        return lambda p: torch.optim.Adagrad(p, lr=a["learning_rate"], initial_accumulator_value=a["initial_accumulator_value"], eps=0.0), b
    if name == "rmsprop":
        b = dict(a, epsilon=0.0)
        return lambda p: torch.optim.RMSprop(p, lr=a["learning_rate"], alpha=a["rho"], eps=0.0, momentum=a["momentum"], centered=a["centered"]), b
    if name == "adadelta":
        return lambda p: torch.optim.Adadelta(p, lr=a["learning_rate"], rho=a["rho"], eps=a["epsilon"]), a
    if name == "adamax":
        b = dict(a, epsilon=0.0)
        return lambda p: torch.optim.Adamax(p, lr=a["learning_rate"], betas=(a["beta_1"], a["beta_2"]), eps=0.0), b
    if name == "nadam":
        return lambda p: torch.optim.NAdam(p, lr=a["learning_rate"], betas=(a["beta_1"], a["beta_2"]), eps=a["epsilon"], momentum_decay=1.0), a
    raise ValueError(name)


def torch_defaults(name, a):
    """torch.optim with its own epsilon and schedule (the learning rate and betas as Keras'): shows the difference."""
    lr = a["learning_rate"]
    return {
        "sgd": lambda p: torch.optim.SGD(p, lr=lr, momentum=a["momentum"], nesterov=a["nesterov"]),
        "adam": lambda p: torch.optim.Adam(p, lr=lr, betas=(a["beta_1"], a["beta_2"]), amsgrad=a["amsgrad"]),
        "adamw": lambda p: torch.optim.AdamW(p, lr=lr, betas=(a["beta_1"], a["beta_2"]), amsgrad=a["amsgrad"], weight_decay=a["weight_decay"]),
        "adagrad": lambda p: torch.optim.Adagrad(p, lr=lr),
        "rmsprop": lambda p: torch.optim.RMSprop(p, lr=lr, alpha=a["rho"], momentum=a["momentum"], centered=a["centered"]),
        "adadelta": lambda p: torch.optim.Adadelta(p, lr=lr, rho=a["rho"]),
        "adamax": lambda p: torch.optim.Adamax(p, lr=lr, betas=(a["beta_1"], a["beta_2"])),
        "nadam": lambda p: torch.optim.NAdam(p, lr=lr, betas=(a["beta_1"], a["beta_2"])),
    }[name]


def run_torch(factory, start, gradients, lrs):
    leaves = [torch.tensor(start[k], dtype=torch.float64, requires_grad=True) for k in NAMES]
    opt = factory(leaves)
    for grads, lr in zip(gradients, lrs):
        for group in opt.param_groups:
            group["lr"] = lr
        for leaf, k in zip(leaves, NAMES):
            leaf.grad = torch.tensor(grads[k], dtype=torch.float64)
        opt.step()
    return {k: leaf.detach().numpy() for k, leaf in zip(NAMES, leaves)}


def run_keras(name, args, start, gradients, lrs):
    params = {k: v.copy() for k, v in start.items()}
    opt = KerasOptimizer(name, args, torch_113_nadam=name == "nadam" and torch.__version__.startswith("1.13"))
    for grads, lr in zip(gradients, lrs):
        opt.apply(params, grads, lr)
    return params


def check_against_torch():
    """Each optimizer's twin configuration against torch.optim on random float64 gradients (no network), with the
    learning rate constant (Keras' SGD velocity carries lr, PyTorch's does not, so they differ once it changes)."""
    rng = np.random.default_rng(1)
    start = {k: rng.standard_normal(s) for k, s in zip(NAMES, shapes())}
    gradients = [{k: rng.standard_normal(s) * 0.3 for k, s in zip(NAMES, shapes())} for _ in range(STEPS)]
    for run_name, run in RUNS.items():
        if run.get("schedule") or ("weight_decay" in run and run["name"] != "adamw"):
            continue  # PyTorch's weight_decay is a coupled L2 except in AdamW: no twin
        factory, twin = torch_twin(run["name"], resolved(run))
        lrs = [twin["learning_rate"]] * STEPS
        ours = run_keras(run["name"], twin, start, gradients, lrs)
        theirs = run_torch(factory, start, gradients, lrs)
        worst = max(np.max(np.abs(ours[k] - theirs[k]) / (1 + np.abs(theirs[k]))) for k in NAMES)
        # PyTorch 1.13 keeps NAdam's momentum product in a float32 tensor (6e-8 relative), hence Nadam's looser bound.
        bound = 1e-8 if run["name"] == "nadam" else 1e-12
        assert worst < bound, f"{run_name}: the Keras reference differs from its torch.optim twin by {worst}"


def shapes():
    return [(INPUTS, HIDDEN), (HIDDEN,), (HIDDEN, OUTPUTS), (OUTPUTS,)]


# ---- the network ---------------------------------------------------------------------------------------------------

def loss_and_gradients(params, x, y):
    """Keras dense layers (kernel [inputs, units], y = x @ kernel + bias), tanh then linear, MSE averaged over the
    batch and the outputs (Keras' default reduction). Autograd in float64."""
    leaves = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in params.items()}
    h = torch.tanh(torch.tensor(x) @ leaves["dense.kernel"] + leaves["dense.bias"])
    out = h @ leaves["dense_1.kernel"] + leaves["dense_1.bias"]
    loss = ((out - torch.tensor(y)) ** 2).mean()
    grads = torch.autograd.grad(loss, [leaves[k] for k in NAMES])
    return loss.item(), {k: g.numpy() for k, g in zip(NAMES, grads)}


def tensor_json(a):
    return {"shape": list(a.shape), "data": a.reshape(-1).tolist()}


def build(start, batches, name, run):
    args = resolved(run)
    lrs = [f32(args["learning_rate"] * (schedule(t) if run.get("schedule") else 1.0)) for t in range(1, STEPS + 1)]
    params = {k: v.copy() for k, v in start.items()}
    opt = KerasOptimizer(run["name"], args)
    steps, gradients = [], []
    for (x, y), lr in zip(batches, lrs):
        loss, grads = loss_and_gradients(params, x, y)
        gradients.append(grads)
        opt.apply(params, grads, lr)
        steps.append({"learning_rate": lr, "loss": loss, "parameters": {k: tensor_json(v) for k, v in params.items()}})
    first, last = (sum(s["loss"] for s in part) / 5 for part in (steps[:5], steps[-5:]))
    assert last < first, f"{name}: the loss did not fall ({first} over the first five batches, {last} over the last)"
    # How far torch.optim with its own defaults (epsilon, schedule) lands from Keras on the same gradients.
    theirs = run_torch(torch_defaults(run["name"], args), start, gradients, lrs)
    torch_gap = max(float(np.max(np.abs(params[k] - theirs[k]))) for k in NAMES)
    print(f"{name:26} loss {steps[0]['loss']:.5f} -> {steps[-1]['loss']:.5f}; torch.optim defaults differ by {torch_gap:.2e}")
    return {"optimizer": run["name"], "arguments": args, "torch_optim_defaults_max_difference": torch_gap, "steps": steps}




def main():
    check_against_torch()
    rng = np.random.default_rng(SEED)
    # float32 draws, held as the float64 values they equal: both sides start from the same bits.
    start = {k: rng.standard_normal(s).astype(np.float32).astype(np.float64) * (0.5 if k.endswith("kernel") else 0.1)
             for k, s in zip(NAMES, shapes())}
    start = {k: v.astype(np.float32).astype(np.float64) for k, v in start.items()}
    # Targets a fixed linear map of the inputs, so there is something to learn; 20 different batches.
    teacher = rng.standard_normal((INPUTS, OUTPUTS)) * 0.5
    xs = [rng.standard_normal((BATCH, INPUTS)).astype(np.float32).astype(np.float64) for _ in range(STEPS)]
    batches = [(x, (x @ teacher).astype(np.float32).astype(np.float64)) for x in xs]
    runs = {name: build(start, batches, name, run) for name, run in RUNS.items()}
    document = {
        "version": FIXTURE_VERSION, "generator": "make_optimizers.py", "seed": SEED, "steps": STEPS,
        "network": {"input_size": INPUTS, "layers": [{"name": "dense", "units": HIDDEN, "activation": "tanh"},
                                                     {"name": "dense_1", "units": OUTPUTS, "activation": "linear"}],
                    "loss": "mse"},
        "initial": {k: tensor_json(v) for k, v in start.items()},
        "batches": [{"inputs": tensor_json(x), "targets": tensor_json(y)} for x, y in batches],
        "runs": runs,
    }
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        write_json(document, f)
        f.write("\n")
    with open(OUTPUT, encoding="utf-8") as f:
        assert json.load(f)["runs"].keys() == RUNS.keys()
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
