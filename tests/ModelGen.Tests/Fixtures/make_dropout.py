"""Writes dropout.json: the reference for [Dropout(rate)] and [AlphaDropout(rate)] (Tests: Numerics/DropoutReferenceTests.cs).

DropoutSigmoidNet (3 -> 40 sigmoid -> Dropout(0.25) -> 2 linear, no bias, MSE) on one sample, its first training pass
under seed 3. The mask is ModelGen's counter-based noise (docs/reference/activations.md, "Noise"), reproduced here
bit for bit: element j of the first layer (stream 0x40000000 | output buffer 0) is dropped when u < rate. PyTorch then
computes, in float64, the loss and the gradients of h = sigmoid(x W1 + b1) * mask / (1 - rate) -- the formula of
torch.nn.functional.dropout and of Keras' Dropout (inverted dropout), which this script checks on a large tensor.
"""
import json
import torch

M64 = (1 << 64) - 1


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def noise(key, stream, index):
    return (mix((key + ((stream << 32 | index) * 0x9E3779B97F4A7C15)) & M64) >> 40) / 16777216.0


def key_of(seed, training_passes):
    return mix((((seed & 0xFFFFFFFF) << 32) ^ 0xD1B54A32D192ED03 ^ training_passes) & M64)


def f32(values):
    return torch.tensor(values, dtype=torch.float32).to(torch.float64)


def main():
    rate, seed, units = 0.25, 3, 40
    # torch's dropout is the same inverted dropout: survivors are x / (1 - p), the rest 0.
    torch.manual_seed(0)
    big = torch.rand(100000, dtype=torch.float64) + 0.5
    out = torch.nn.functional.dropout(big, p=rate, training=True)
    kept = out != 0
    assert torch.allclose(out[kept], big[kept] / (1 - rate), rtol=1e-15)
    assert abs(1 - kept.double().mean().item() - rate) < 0.01

    g = torch.Generator().manual_seed(1234)
    w1 = f32((torch.rand(3, units, generator=g) - 0.5).tolist())
    b1 = f32(((torch.rand(units, generator=g) - 0.5) * 0.2).tolist())
    w2 = f32((torch.rand(units, 2, generator=g) - 0.5).tolist())
    x = f32([[0.5, -1.0, 0.25]])
    t = f32([[0.1, -0.2]])
    key = key_of(seed, 0)
    mask = torch.tensor([[0.0 if noise(key, 0x40000000, j) < rate else 1.0 for j in range(units)]], dtype=torch.float64)
    for p in (w1, b1, w2):
        p.requires_grad_(True)
    h = torch.sigmoid(x @ w1 + b1) * mask / (1 - torch.tensor(rate, dtype=torch.float32).double())
    y = h @ w2
    loss = ((y - t) ** 2).mean()
    loss.backward()
    case = {
        "rate": rate, "seed": seed,
        "x": x.flatten().tolist(), "t": t.flatten().tolist(),
        "w1": w1.detach().flatten().tolist(), "b1": b1.detach().tolist(), "w2": w2.detach().flatten().tolist(),
        "mask": mask.flatten().tolist(),
        "predict": (torch.sigmoid(x @ w1 + b1) @ w2).detach().flatten().tolist(),
        "loss": loss.item(),
        "grad_w1": w1.grad.flatten().tolist(), "grad_b1": b1.grad.tolist(), "grad_w2": w2.grad.flatten().tolist(),
    }
    with open(__file__.replace("make_dropout.py", "dropout.json"), "w") as f:
        json.dump({"sigmoid_dropout": case, "selu_alpha_dropout": alpha_case()}, f, indent=1)


def alpha_case():
    """AlphaSeluNet (3 -> 40 selu -> AlphaDropout(0.2) -> 2 linear, no bias, MSE), seed 5, Keras' AlphaDropout formula."""
    rate, seed, units = 0.2, 5, 40
    alpha_p = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946
    rate64 = torch.tensor(rate, dtype=torch.float32).double().item()
    a = ((1 - rate64) * (1 + rate64 * alpha_p ** 2)) ** -0.5
    b = -a * alpha_p * rate64
    g = torch.Generator().manual_seed(99)
    w1 = f32((torch.rand(3, units, generator=g) - 0.5).tolist())
    b1 = f32(((torch.rand(units, generator=g) - 0.5) * 0.2).tolist())
    w2 = f32((torch.rand(units, 2, generator=g) - 0.5).tolist())
    x = f32([[1.5, -2.0, 0.75]])
    t = f32([[0.3, -0.1]])
    key = key_of(seed, 0)
    mask = torch.tensor([[0.0 if noise(key, 0x40000000, j) < rate else 1.0 for j in range(units)]], dtype=torch.float64)
    for p in (w1, b1, w2):
        p.requires_grad_(True)
    s = torch.nn.functional.selu(x @ w1 + b1)
    h = a * (s * mask + alpha_p * (1 - mask)) + b
    y = h @ w2
    loss = ((y - t) ** 2).mean()
    loss.backward()
    return {
        "rate": rate, "seed": seed,
        "x": x.flatten().tolist(), "t": t.flatten().tolist(),
        "w1": w1.detach().flatten().tolist(), "b1": b1.detach().tolist(), "w2": w2.detach().flatten().tolist(),
        "mask": mask.flatten().tolist(),
        "predict": (s @ w2).detach().flatten().tolist(),
        "loss": loss.item(),
        "grad_w1": w1.grad.flatten().tolist(), "grad_b1": b1.grad.tolist(), "grad_w2": w2.grad.flatten().tolist(),
    }


if __name__ == "__main__":
    main()
