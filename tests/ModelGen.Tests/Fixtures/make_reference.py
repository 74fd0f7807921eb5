#!/usr/bin/python3
"""Writes reference.json: forward pass, loss, gradients and optimizer steps of four small dense networks,
computed by PyTorch, for ModelGen's gradient and optimizer tests.

    /usr/bin/python3 tests/ModelGen.Tests/Fixtures/make_reference.py     (Debian: python3-torch, python3-numpy)

Why PyTorch: the numbers must come from an implementation independent of the code under test. Why float64:
the C# side computes in float32, so a float64 reference makes the tolerance measure only C#'s rounding, not
the reference's. The initial values are drawn as float32 and written as their exact values, so both sides start
from bit-identical weights and inputs.

Layout follows Keras, not PyTorch: kernels are [inputs, units] and a dense layer is y = x @ kernel + bias,
written with explicit torch ops (no nn.Linear, whose weight is [out, in]), so nothing is transposed anywhere.
Adam follows Keras 3's equations, which place epsilon differently from torch.optim.Adam (see adam_step), so it
is written by hand; self_test() checks it against torch.optim.Adam with epsilon 0, where the two agree.

Before writing, the script checks itself and stops on failure: every gradient entry against a central finite
difference, softmax rows summing to 1, and both optimizers against torch.optim.
"""

import json
import math
import os

import torch

from fixture_json import write_json

SEED = 20261121
FIXTURE_VERSION = 1
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
STEPS = 3

# The models the C# tests declare with the same names, sizes and settings. Layer names are Keras' defaults.
MODELS = {
    "classifier": dict(
        input_size=6, layers=[(5, "relu"), (4, "tanh"), (3, "softmax")], batch=4,
        loss="sparse_categorical_crossentropy", from_logits=False,
        optimizer=dict(name="adam", learning_rate=0.01, beta_1=0.9, beta_2=0.999, epsilon=1e-7)),
    "regressor": dict(
        input_size=5, layers=[(7, "sigmoid"), (2, "identity")], batch=3,
        loss="mse", from_logits=False,
        optimizer=dict(name="sgd", learning_rate=0.1)),
    "logits": dict(
        input_size=4, layers=[(6, "relu"), (3, "identity")], batch=5,
        loss="sparse_categorical_crossentropy", from_logits=True,
        optimizer=dict(name="sgd", learning_rate=0.05)),
    "tiny": dict(
        input_size=8, layers=[(16, "tanh"), (16, "tanh"), (1, "identity")], batch=7,
        loss="mse", from_logits=False,
        optimizer=dict(name="adam", learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)),
    # Widths that exercise every register tile of the loop kernels: 45 = a block of 4 vectors, 1 vector and 5
    # scalars; 16 = two vectors; 10 = one vector and 2 scalars.
    "wide": dict(
        input_size=20, layers=[(45, "relu"), (16, "sigmoid"), (10, "softmax")], batch=9,
        loss="sparse_categorical_crossentropy", from_logits=False,
        optimizer=dict(name="adam", learning_rate=0.005, beta_1=0.9, beta_2=0.999, epsilon=1e-7)),
    # SGD with momentum and with Nesterov momentum (Keras' velocity form).
    "momentum": dict(
        input_size=5, layers=[(6, "tanh"), (3, "softmax")], batch=4,
        loss="sparse_categorical_crossentropy", from_logits=False,
        optimizer=dict(name="sgd", learning_rate=0.05, momentum=0.9)),
    "nesterov": dict(
        input_size=5, layers=[(6, "relu"), (2, "identity")], batch=4,
        loss="mse", from_logits=False,
        optimizer=dict(name="sgd", learning_rate=0.05, momentum=0.8, nesterov=True)),
    # Softmax under a loss it is not fused with: the backward pass goes through the full softmax Jacobian.
    "softmax_mse": dict(
        input_size=3, layers=[(4, "tanh"), (5, "softmax")], batch=2,
        loss="mse", from_logits=False,
        optimizer=dict(name="sgd", learning_rate=0.5)),
}


def layer_name(index):
    return "dense" if index == 0 else f"dense_{index}"


def parameter_names(spec):
    """Arena order: each layer's kernel, then its bias, layer after layer."""
    names = []
    for i in range(len(spec["layers"])):
        names += [f"{layer_name(i)}.kernel", f"{layer_name(i)}.bias"]
    return names


# ---- initial values ---------------------------------------------------------------------------------------

def draw(spec):
    """Draws float32 parameters, inputs and labels or targets, in a fixed order: per layer kernel then bias,
    then inputs, then labels/targets. Kernels ~ N(0,1)*0.5, biases ~ N(0,1)*0.1, inputs and targets ~ N(0,1)."""
    params = {}
    fan_in = spec["input_size"]
    for i, (units, _) in enumerate(spec["layers"]):
        params[f"{layer_name(i)}.kernel"] = torch.randn(fan_in, units, dtype=torch.float32) * 0.5
        params[f"{layer_name(i)}.bias"] = torch.randn(units, dtype=torch.float32) * 0.1
        fan_in = units
    inputs = torch.randn(spec["batch"], spec["input_size"], dtype=torch.float32)
    outputs = spec["layers"][-1][0]
    if spec["loss"] == "sparse_categorical_crossentropy":
        labels = torch.randint(0, outputs, (spec["batch"],))
        return params, inputs, labels
    targets = torch.randn(spec["batch"], outputs, dtype=torch.float32)
    return params, inputs, targets


# ---- model, loss, optimizers (float64) ----------------------------------------------------------------------

def forward(spec, params, x, relu_inputs=None):
    """Keras dense layers: h = activation(h @ kernel + bias). Returns probabilities for a softmax output and raw
    values (logits or regression outputs) for an identity output. relu_inputs, if given, collects every ReLU
    pre-activation."""
    h = x
    for i, (_, activation) in enumerate(spec["layers"]):
        z = h @ params[f"{layer_name(i)}.kernel"] + params[f"{layer_name(i)}.bias"]
        if activation == "relu":
            if relu_inputs is not None:
                relu_inputs.append(z.detach().abs().min().item())
            h = torch.relu(z)
        elif activation == "tanh":
            h = torch.tanh(z)
        elif activation == "sigmoid":
            h = torch.sigmoid(z)
        elif activation == "softmax":
            h = torch.softmax(z, dim=1)
        elif activation == "identity":
            h = z
        else:
            raise ValueError(activation)
    return h


def loss_of(spec, outputs, target):
    """Mean over the batch (Keras' sum_over_batch_size); MSE also averages over the outputs."""
    if spec["loss"] == "mse":
        return ((outputs - target) ** 2).mean()
    rows = torch.arange(outputs.shape[0])
    if spec["from_logits"]:
        return -torch.log_softmax(outputs, dim=1)[rows, target].mean()
    # Keras clips probabilities to [1e-7, 1 - 1e-7] before the log; main() asserts the fixture's probabilities
    # stay inside that range, so the clip never acts and plain -log p is the same function.
    return -torch.log(outputs[rows, target]).mean()


def loss_and_gradients(spec, params, x, target):
    leaves = {k: v.detach().clone().requires_grad_(True) for k, v in params.items()}
    loss = loss_of(spec, forward(spec, leaves, x), target)
    grads = torch.autograd.grad(loss, list(leaves.values()))
    return loss.item(), dict(zip(leaves.keys(), grads))


def sgd_step(opt, params, grads, state, t):
    """Keras 3 SGD (keras/src/optimizers/sgd.py): momentum 0 is w -= lr*g; otherwise the velocity
    m = momentum*m - lr*g, then w += m, or with Nesterov w += momentum*m - lr*g (m already updated).
    torch.optim.SGD keeps b = momentum*b + g and does w -= lr*b (or lr*(g + momentum*b)): the same while the
    learning rate is constant, which self_test() uses to check this function against torch."""
    lr, mu = opt["learning_rate"], opt.get("momentum", 0.0)
    for k in params:
        g = grads[k]
        if mu == 0.0:
            params[k] = params[k] - lr * g
            continue
        m = state.setdefault(("m", k), torch.zeros_like(g))
        m.mul_(mu).sub_(lr * g)
        params[k] = params[k] + (mu * m - lr * g if opt.get("nesterov", False) else m)


def adam_step(opt, params, grads, state, t):
    """Keras 3 Adam (keras/src/optimizers/adam.py), t counting from 1:
        m += (g - m) * (1 - beta_1);  v += (g*g - v) * (1 - beta_2)
        alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t);  w -= alpha * m / (sqrt(v) + epsilon)
    torch.optim.Adam instead computes w -= lr / (1 - beta_1^t) * m / (sqrt(v) / sqrt(1 - beta_2^t) + epsilon):
    its epsilon is added to the bias-corrected sqrt(v-hat), Keras' to the uncorrected sqrt(v). The two agree
    only when epsilon is 0, which self_test() uses to check this function against torch."""
    lr, b1, b2, eps = opt["learning_rate"], opt["beta_1"], opt["beta_2"], opt["epsilon"]
    alpha = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
    for k in params:
        g = grads[k]
        m = state.setdefault(("m", k), torch.zeros_like(g))
        v = state.setdefault(("v", k), torch.zeros_like(g))
        m += (g - m) * (1 - b1)
        v += (g * g - v) * (1 - b2)
        params[k] = params[k] - alpha * m / (torch.sqrt(v) + eps)


STEP = {"sgd": sgd_step, "adam": adam_step}


# ---- self-tests ---------------------------------------------------------------------------------------------

def check_finite_differences(spec, params, x, target, grads):
    """Every gradient entry against a central difference; in float64 with h = 1e-6 the truncation error is
    about 1e-12 and the rounding error about 1e-10, so 1e-7 leaves a wide margin yet catches any real error."""
    h = 1e-6
    worst = 0.0
    for k, p in params.items():
        flat = p.reshape(-1)
        for i in range(flat.numel()):
            saved = flat[i].item()
            flat[i] = saved + h
            up = loss_of(spec, forward(spec, params, x), target).item()
            flat[i] = saved - h
            down = loss_of(spec, forward(spec, params, x), target).item()
            flat[i] = saved
            numeric = (up - down) / (2 * h)
            analytic = grads[k].reshape(-1)[i].item()
            error = abs(numeric - analytic)
            assert error <= 1e-7 * max(1.0, abs(analytic)), \
                f"finite difference: {k}[{i}] analytic {analytic} numeric {numeric}"
            worst = max(worst, error)
    return worst


def check_optimizers_against_torch():
    """Our hand-written updates against torch.optim on random data: SGD exactly, Adam with epsilon 0."""
    g = torch.Generator().manual_seed(1)
    w0 = torch.randn(3, 4, dtype=torch.float64, generator=g)
    grads = [torch.randn(3, 4, dtype=torch.float64, generator=g) for _ in range(STEPS)]
    for name, opt in [("sgd", dict(learning_rate=0.1)),
                      ("sgd", dict(learning_rate=0.1, momentum=0.9)),
                      ("sgd", dict(learning_rate=0.1, momentum=0.9, nesterov=True)),
                      ("adam", dict(learning_rate=0.01, beta_1=0.9, beta_2=0.999, epsilon=0.0))]:
        ours = {"w": w0.clone()}
        state = {}
        theirs = w0.clone().requires_grad_(True)
        if name == "sgd":
            torch_opt = torch.optim.SGD([theirs], lr=opt["learning_rate"], momentum=opt.get("momentum", 0.0),
                                        nesterov=opt.get("nesterov", False))
        else:
            torch_opt = torch.optim.Adam([theirs], lr=opt["learning_rate"],
                                         betas=(opt["beta_1"], opt["beta_2"]), eps=0.0)
        for t, grad in enumerate(grads, start=1):
            STEP[name](opt, ours, {"w": grad}, state, t)
            theirs.grad = grad.clone()
            torch_opt.step()
        difference = (ours["w"] - theirs.detach()).abs().max().item()
        assert difference < 1e-14, f"{name} differs from torch.optim by {difference}"


# ---- JSON ---------------------------------------------------------------------------------------------------

def tensor_json(t):
    """Shape and row-major data. json writes floats with repr, i.e. full double precision; a float32 tensor's
    values become the exact doubles they equal, so reading them back as float32 gives the same bits."""
    return {"shape": list(t.shape), "data": t.reshape(-1).tolist()}


def params_json(params):
    return {k: tensor_json(v) for k, v in params.items()}


def build(name, spec):
    params32, inputs32, target32 = draw(spec)
    params = {k: v.to(torch.float64) for k, v in params32.items()}
    x = inputs32.to(torch.float64)
    target = target32.to(torch.float64) if spec["loss"] == "mse" else target32

    outputs = forward(spec, params, x)
    loss, grads = loss_and_gradients(spec, params, x, target)

    if spec["layers"][-1][1] == "softmax":
        row_sums = outputs.sum(dim=1)
        assert torch.allclose(row_sums, torch.ones_like(row_sums), rtol=0, atol=1e-12), row_sums
        assert outputs.min().item() > 1e-7 and outputs.max().item() < 1 - 1e-7, "Keras' clip would act"
    worst = check_finite_differences(spec, {k: v.clone() for k, v in params.items()}, x, target, grads)

    opt = spec["optimizer"]
    current = {k: v.clone() for k, v in params.items()}
    state = {}
    steps = []
    for t in range(1, STEPS + 1):
        step_loss, step_grads = loss_and_gradients(spec, current, x, target)
        STEP[opt["name"]](opt, current, step_grads, state, t)
        steps.append({"loss": step_loss, "parameters": params_json(current)})
    assert steps[0]["loss"] == loss

    # A ReLU input within float32 rounding of 0 could take the other branch in the float32 code under test and
    # make the fixture fail for no fault of the code; guard every weight set the tests evaluate.
    relu_inputs = []
    for weights in [params] + [{k: torch.tensor(v["data"], dtype=torch.float64).reshape(v["shape"])
                                for k, v in s["parameters"].items()} for s in steps]:
        forward(spec, weights, x, relu_inputs)
    assert min(relu_inputs, default=1.0) > 1e-4, f"{name}: a ReLU input is {min(relu_inputs)}, too close to 0"
    assert steps[-1]["loss"] < steps[0]["loss"], f"{name}: loss did not fall over the steps"

    print(f"{name}: loss {loss:.6f} -> {steps[-1]['loss']:.6f} over {STEPS - 1} updates, "
          f"worst finite-difference error {worst:.1e}")

    model = {
        "input_size": spec["input_size"],
        "layers": [{"name": layer_name(i), "units": units, "activation": activation}
                   for i, (units, activation) in enumerate(spec["layers"])],
        "loss": spec["loss"],
        "from_logits": spec["from_logits"],
        "optimizer": opt,
        "initial": params_json(params32),
        "inputs": tensor_json(inputs32),
    }
    if spec["loss"] == "mse":
        model["targets"] = tensor_json(target32)
    else:
        model["labels"] = target.tolist()
    model["outputs"] = tensor_json(outputs)
    # "loss" already names the loss function, so the value at the initial weights is "initial_loss".
    model["initial_loss"] = loss
    model["gradients"] = params_json(grads)
    model["steps"] = steps
    return model




def main():
    assert torch.tensor(0.1, dtype=torch.float64).item() == 0.1
    check_optimizers_against_torch()
    torch.manual_seed(SEED)
    models = {name: build(name, spec) for name, spec in MODELS.items()}
    document = {"version": FIXTURE_VERSION, "generator": "make_reference.py", "seed": SEED, "models": models}
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        write_json(document, f)
        f.write("\n")
    # Read it back: the file must be plain JSON that round-trips every number exactly.
    with open(OUTPUT, encoding="utf-8") as f:
        assert json.load(f) == json.loads(json.dumps(document)), "reference.json does not round-trip"
    print(f"wrote {OUTPUT} ({os.path.getsize(OUTPUT):,} bytes)")


if __name__ == "__main__":
    main()
