#!/usr/bin/env python3
"""Writes initializers.json: PyTorch's numbers for the deterministic parts of ModelGen's initializers.

Seeded generators cannot be matched across frameworks (KERAS-REFERENCE.md section 3), so the random initializers are
tested by their moments in InitializerDistributionTests. What can be matched exactly is checked here:

- orthogonal: for a fixed normal draw A [max(r, c), min(r, c)], Keras' Orthogonal computes Q, R = qr(A),
  Q *= sign(diag(R)), transposes when r < c and multiplies by gain. PyTorch's QR (LAPACK Householder) is an
  implementation independent of ModelGen's Gram-Schmidt.
- identity: torch.nn.init.eye_ on a [rows, columns] matrix, times gain (Keras' Identity is gain * eye(rows, cols)).
- the truncated-normal correction 0.87962566103423978: the standard deviation of a standard normal truncated to
  [-2, 2], which Keras divides by.

Run from the repository root: /usr/bin/python3 tests/ModelGen.Tests/Fixtures/make_initializers.py
The output is deterministic (seed 20261122); the script refuses to write unless its self-checks pass.
"""
import json
import math
import os

import torch

SEED = 20261122
ORTHOGONAL_CASES = [(6, 4, 1.0), (4, 6, 1.0), (5, 5, 1.3), (40, 12, 0.7), (12, 40, 2.0), (1, 7, 1.0), (33, 33, 1.0)]
IDENTITY_CASES = [(4, 4, 1.0), (5, 3, 2.5), (3, 5, 0.5)]


def keras_orthogonal(a, rows, cols, gain):
    q, r = torch.linalg.qr(a)  # reduced: q [max, min]
    q = q * torch.sign(torch.diagonal(r))
    if rows < cols:
        q = q.T
    return gain * q


def truncated_std(bound):
    # Variance of N(0, 1) truncated to [-b, b]: 1 - 2 b phi(b) / (Phi(b) - Phi(-b)).
    phi = math.exp(-bound * bound / 2) / math.sqrt(2 * math.pi)
    mass = math.erf(bound / math.sqrt(2))
    return math.sqrt(1 - 2 * bound * phi / mass)


def main():
    gen = torch.Generator().manual_seed(SEED)
    orthogonal = []
    for rows, cols, gain in ORTHOGONAL_CASES:
        a = torch.randn(max(rows, cols), min(rows, cols), generator=gen, dtype=torch.float64)
        w = keras_orthogonal(a, rows, cols, gain)
        assert tuple(w.shape) == (rows, cols)
        gram = w.T @ w if rows >= cols else w @ w.T
        assert torch.allclose(gram, gain * gain * torch.eye(min(rows, cols), dtype=torch.float64), atol=1e-12), "Q is not orthogonal"
        # The sign convention makes R's diagonal positive: Q^T A (A = QR) has a positive diagonal.
        q = w / gain if rows >= cols else (w / gain).T
        assert bool((torch.diagonal(q.T @ a) > 0).all()), "sign(diag(R)) was not applied"
        orthogonal.append({"rows": rows, "columns": cols, "gain": gain,
                           "normal": a.flatten().tolist(), "expected": w.flatten().tolist()})

    identity = []
    for rows, cols, gain in IDENTITY_CASES:
        w = torch.empty(rows, cols, dtype=torch.float64)
        torch.nn.init.eye_(w)
        identity.append({"rows": rows, "columns": cols, "gain": gain, "expected": (gain * w).flatten().tolist()})

    correction = truncated_std(2.0)
    # Cross-check the closed form against a numerical integral of the truncated density.
    z = torch.linspace(-2, 2, 400001, dtype=torch.float64)
    density = torch.exp(-z * z / 2)
    numeric = math.sqrt(float(torch.trapz(z * z * density, z) / torch.trapz(density, z)))
    assert abs(numeric - correction) < 1e-9, (numeric, correction)

    out = {"version": 1, "generator": "make_initializers.py", "seed": SEED, "torch": torch.__version__,
           "truncated_normal_stddev_correction": correction, "orthogonal": orthogonal, "identity": identity}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "initializers.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {path}: correction {correction!r}, {len(orthogonal)} orthogonal and {len(identity)} identity cases")


if __name__ == "__main__":
    main()
