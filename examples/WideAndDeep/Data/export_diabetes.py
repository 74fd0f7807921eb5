#!/usr/bin/python3
"""Exports scikit-learn's diabetes data set (Efron et al., 2004: 442 patients, 10 baseline features, a disease
progression measure one year later) to diabetes.csv, so the example and CI need no scikit-learn.

    /usr/bin/python3 examples/WideAndDeep/Data/export_diabetes.py      (Debian: python3-sklearn)

The features are the raw ones (scaled=False: age, sex, bmi, bp, s1..s6), not scikit-learn's pre-scaled copy: the
example standardizes them itself with the training split's statistics.
"""

import csv
import os

from sklearn.datasets import load_diabetes

data = load_diabetes(scaled=False)
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "diabetes.csv")
with open(path, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(list(data.feature_names) + ["target"])
    for row, target in zip(data.data, data.target):
        w.writerow([repr(float(v)) for v in row] + [repr(float(target))])
print(f"wrote {path}: {len(data.target)} rows")
