#!/usr/bin/python3
"""Fixtures for Keras' Normalization layer (tests/ModelGen.Tests/Numerics/NormalizationTests.cs).

Keras 3 (keras/src/layers/preprocessing/normalization.py): adapt(data) sets mean = np.mean(data, axis=0) and
variance = np.var(data, axis=0) (population variance, ddof 0); call(x) = (x - mean) / max(sqrt(variance), 1e-7).
Computed here in float64 from the float32 values ModelGen reads, on real rows: the first 64 rows of scikit-learn's
diabetes data (examples/WideAndDeep/Data/diabetes.csv, the ten features), plus a constant feature appended to check the
epsilon floor of the standard deviation. PyTorch has no such layer; torch.var(unbiased=False) is the same statistic.

    /usr/bin/python3 tests/ModelGen.Tests/Fixtures/make_normalization.py     (Debian: python3-torch, PyTorch 1.13)
"""
import csv
import os

import numpy as np
import torch

from fixture_json import write_json

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "examples", "WideAndDeep", "Data", "diabetes.csv")
EPSILON = 1e-7


def main():
    with open(DATA) as f:
        rows = [[float(v) for v in r[:10]] for r in list(csv.reader(f))[1:65]]
    x = np.array(rows, dtype=np.float32)
    x = np.concatenate([x, np.full((x.shape[0], 1), 3.5, dtype=np.float32)], axis=1)  # a constant feature: variance 0
    x64 = x.astype(np.float64)
    mean = x64.mean(axis=0)
    variance = x64.var(axis=0)
    # The same statistics through PyTorch, as an independent check of NumPy's.
    t = torch.tensor(x64)
    assert np.allclose(t.mean(dim=0).numpy(), mean, rtol=1e-12)
    assert np.allclose(t.var(dim=0, unbiased=False).numpy(), variance, rtol=1e-12)
    # The forward pass uses the float32 statistics the layer stores.
    mean32 = mean.astype(np.float32).astype(np.float64)
    var32 = variance.astype(np.float32).astype(np.float64)
    normalized = (x64 - mean32) / np.maximum(np.sqrt(var32), EPSILON)
    out = {
        "version": 1,
        "features": int(x.shape[1]),
        "rows": {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1)]},
        "mean": [float(v) for v in mean],
        "variance": [float(v) for v in variance],
        "normalized": {"shape": list(x.shape), "data": [float(v) for v in normalized.reshape(-1)]},
    }
    with open(os.path.join(HERE, "normalization.json"), "w") as f:
        write_json(out, f)
        f.write("\n")


if __name__ == "__main__":
    main()
