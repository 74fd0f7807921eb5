#!/usr/bin/python3
"""Renders benchmarks/RESULTS-peers.md for benchmarks/compare from the raw results of its run.

Inputs (all optional but --work): WORK/machine.json, WORK/probe-*.json (BLAS probe), WORK/pytorch-*.json,
WORK/cpp.json, WORK/bdn/results/*.json (BenchmarkDotNet's JSON exporter). A missing side prints n/a.
ModelGen figures are BenchmarkDotNet medians (per operation, i.e. already divided by OperationsPerInvoke);
PyTorch and C++ figures are medians of timed repeats.
"""
import argparse
import glob
import json
import math
import os
import re

K, N = 784, 300

# workload key -> (label, kind); kind picks the unit: lat (time per call/sample), tput (samples/s from ns per
# sample), train (samples/s from ns per step of `batch` samples), gemm (GFLOP/s from ns per call).
WORKLOADS = [
    ("mlp784_one", "784-300-100-10 ReLU+softmax, one sample: latency", "lat"),
    ("tiny_dep", "8-16-16-1 tanh, dependent calls: latency per call", "lat"),
    ("tiny_16", "8-16-16-1 tanh, 16 samples at once: time per sample", "lat"),
    ("mlp784_b256", "784 MLP, batch-256 inference: throughput", "tput"),
    ("train_b32", "Training, Adam, batch 32: throughput", "train"),
    ("train_b128", "Training, Adam, batch 128: throughput", "train"),
]
for _b in (32, 128):
    WORKLOADS += [
        (f"gemm_forward_b{_b}", f"GEMM forward Y[{_b},300] = X[{_b},784]·W", "gemm"),
        (f"gemm_input_grad_b{_b}", f"GEMM input gradient dX[{_b},784] = dY·Wᵀ", "gemm"),
        (f"gemm_weight_grad_b{_b}", f"GEMM weight gradient dW[784,300] = Xᵀ·dY (M={_b})", "gemm"),
    ]
LABEL = {k: (label, kind) for k, label, kind in WORKLOADS}

# ModelGen method name -> workload key (a {Batch} placeholder takes the Batch parameter).
METHODS = {
    "Mlp784_OneSample": "mlp784_one",
    "Tiny_DependentCalls": "tiny_dep",
    "Tiny_16Samples": "tiny_16",
    "Mlp784_Batch256": "mlp784_b256",
    "AdamStep": "train_b{Batch}",
    "Forward": "gemm_forward_b{Batch}",
    "InputGradient": "gemm_input_grad_b{Batch}",
    "KernelGradient": "gemm_weight_grad_b{Batch}",
    "WeightGradient": "gemm_weight_grad_b{Batch}",
}


def batch_of(key):
    m = re.search(r"_b(\d+)$", key)
    return int(m.group(1)) if m else 1


def value(key, ns):
    """The figure shown for ns (per call/sample/step) and whether bigger is better."""
    kind = LABEL[key][1]
    if kind == "lat":
        return ns, False
    if kind == "tput":
        return 1e9 / ns, True
    if kind == "train":
        return batch_of(key) * 1e9 / ns, True
    return 2.0 * batch_of(key) * K * N / ns, True  # gemm: flops / ns = GFLOP/s


def fmt(key, ns):
    if ns is None:
        return "n/a"
    kind = LABEL[key][1]
    v, _ = value(key, ns)
    if kind == "lat":
        return f"{v:,.0f} ns" if v < 1000 else f"{v / 1000:,.2f} µs"
    if kind in ("tput", "train"):
        return f"{v / 1e6:,.2f} M samples/s" if v >= 1e6 else f"{v / 1e3:,.1f} k samples/s"
    return f"{v:,.1f} GFLOP/s"


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def parse_params(s):
    out = {}
    for part in re.split(r"[&,]\s*", s or ""):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def modelgen_records(work):
    recs = []
    for path in sorted(glob.glob(os.path.join(work, "bdn", "results", "*.json"))):
        d = load_json(path) or {}
        for b in d.get("Benchmarks", []):
            st = b.get("Statistics") or {}
            if not st or st.get("Median") is None:
                continue
            params = parse_params(b.get("Parameters", ""))
            if b.get("Method", "").endswith("_TwoThreads"):  # a method variant instead of a Threads parameter
                params.setdefault("Threads", "2")
            recs.append(dict(type=b.get("Type", ""), method=b.get("Method", ""), params=params,
                             param_text=b.get("Parameters", ""), median=st["Median"], mean=st.get("Mean"),
                             sd=st.get("StandardDeviation"), n=st.get("N")))
    return recs


def modelgen_key(rec):
    pattern = METHODS.get(rec["method"])
    if pattern is None and rec["method"].endswith("_TwoThreads"):
        pattern = METHODS.get(rec["method"][: -len("_TwoThreads")])
    if pattern is None:
        return None
    try:
        key = pattern.format(**rec["params"])
    except KeyError:
        return None
    return key if key in LABEL else None


def thread_desc(r):
    s = f"{r['threads']} thread" + ("s" if r["threads"] != 1 else "")
    if r.get("omp_wait_policy"):
        s += f", OMP_WAIT_POLICY={r['omp_wait_policy']}"
    if r["workload"].startswith("train"):
        s += ", flush-denormal " + ("on" if r["flush_denormal"] else "off")
    return s


def config(r):
    return (r["threads"], r.get("omp_wait_policy", ""), r["flush_denormal"])


def config_desc(c):
    t, wait, ftz = c
    return f"{t} thr" + (f", {wait.lower()}" if wait else "") + (", ftz" if ftz else "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--command", default="benchmarks/compare")
    ap.add_argument("--wall", default="")
    a = ap.parse_args()

    machine = load_json(os.path.join(a.work, "machine.json")) or {}
    cpp = load_json(os.path.join(a.work, "cpp.json"))
    pt_files = [load_json(p) for p in sorted(glob.glob(os.path.join(a.work, "pytorch-*.json")))]
    pt = [r for f in pt_files if f for r in f["records"]]
    probes = []
    for p in sorted(glob.glob(os.path.join(a.work, "probe-*.json"))):
        d = load_json(p)
        if d and d.get("records"):
            gf = [r["gflops"] for r in d["records"]]
            probes.append((d.get("label", os.path.basename(p)), math.exp(sum(map(math.log, gf)) / len(gf)), d))
    mg = modelgen_records(a.work)

    L = []
    L.append("# ModelGen against peers (generated by benchmarks/compare)")
    L.append("")
    L.append(f"- Date: {machine.get('date', '?')}; wall time of the script: {a.wall or '?'}")
    L.append(f"- Machine: {machine.get('cpu', '?')}, {machine.get('cores', '?')}; "
             f"load average (1/5/15 min) {machine.get('load', '?')}")
    L.append(f"- .NET SDK {machine.get('dotnet', '?')}; BenchmarkDotNet options: `{machine.get('bdn_args', '?')}`"
             f"; ModelGen commit {machine.get('commit', '?')}")
    L.append(f"- PyTorch {machine.get('torch', 'n/a')} (Debian python3-torch, /usr/bin/python3); "
             f"BLAS: {machine.get('blas', 'n/a')}")
    L.append(f"- C++: `{machine.get('cxx', 'n/a')}`")
    L.append(f"- Command: `{a.command}`")
    L.append("")
    L.append("ModelGen: BenchmarkDotNet median per operation, one thread unless the row says otherwise. "
             "PyTorch: best over eager / TorchScript variants, 1 and 2 threads (and flush-denormal on/off for "
             "training), median of repeats after ≥1 s warm-up. Ratio: how many times faster ModelGen is "
             "(PyTorch time / ModelGen time). C++: plain fixed-size loops, one thread.")
    L.append("")
    L.append("| Workload | ModelGen | PyTorch best (variant, threads) | Ratio | C++ fixed |")
    L.append("|---|---|---|---|---|")

    used = set()
    for key, label, kind in WORKLOADS:
        cands = [r for r in pt if r["workload"] == key]
        best = min(cands, key=lambda r: r["ns"]) if cands else None
        mine = [r for r in mg if modelgen_key(r) == key]
        # One thread first; other thread counts / extra parameters get their own rows.
        mine.sort(key=lambda r: (int(r["params"].get("Threads", 1)) != 1, r["param_text"]))
        rows = mine or [None]
        for r in rows:
            lab = label
            if r is not None:
                used.add(id(r))
                extra = {k: v for k, v in r["params"].items() if k != "Batch" and not (k == "Threads" and v == "1")}
                if extra:
                    lab += " (ModelGen " + ", ".join(
                        (f"{v} threads" if k == "Threads" else f"{k}={v}") for k, v in extra.items()) + ")"
            mg_ns = r["median"] if r else None
            pt_cell = "n/a"
            if best:
                pt_cell = f"{fmt(key, best['ns'])} ({best['variant']}, {thread_desc(best)})"
            ratio = f"{best['ns'] / mg_ns:.2f}x" if (best and mg_ns) else "n/a"
            c = cpp.get(key) if cpp else None
            L.append(f"| {lab} | {fmt(key, mg_ns)} | {pt_cell} | {ratio} | {fmt(key, c) if c else 'n/a'} |")

    # ---------------------------------------------------------------- details
    L.append("")
    L.append("## PyTorch, every variant")
    L.append("")
    cols = sorted({config(r) for r in pt})
    if pt:
        L.append("Columns: threads; `passive` = OMP_WAIT_POLICY=PASSIVE (OpenMP workers sleep instead of spinning); "
                 "`ftz` = torch.set_flush_denormal(True).")
        L.append("")
        head = " | ".join(config_desc(c) for c in cols)
        L.append(f"| Workload | Variant | {head} |")
        L.append("|---|---|" + "---|" * len(cols))
        for key, label, kind in WORKLOADS:
            variants = []
            for r in pt:
                if r["workload"] == key and r["variant"] not in variants:
                    variants.append(r["variant"])
            for v in variants:
                cells = []
                for c in cols:
                    rs = [r for r in pt if r["workload"] == key and r["variant"] == v
                          and config(r) == c]
                    cells.append(fmt(key, rs[0]["ns"]) if rs else "")
                L.append(f"| {key} | {v} | " + " | ".join(cells) + " |")
        tr = sorted((r for r in pt if r["workload"].startswith("train")),
                    key=lambda r: (batch_of(r["workload"]), config(r), r["variant"]))
        if tr:
            L.append("")
            L.append("Training dynamics (ms per step; steady = median of the last quarter of the steps; "
                     "subnormals = values below 1.18e-38 in parameters and Adam state at the end):")
            L.append("")
            L.append("| Workload | Variant | Threads | Flush denormal | Steps | First 500 | Worst 100-step window "
                     "(at step) | Steady | Final loss | Subnormals |")
            L.append("|---|---|---|---|---|---|---|---|---|---|")
            for r in tr:
                f5 = r.get("first_500_ns")
                w = r.get("worst_100_ns")
                L.append(f"| {r['workload']} | {r['variant']} | {config_desc((r['threads'], r.get('omp_wait_policy', ''), False))}"
                         f" | {'on' if r['flush_denormal'] else 'off'}"
                         f" | {r.get('steps')} | {f5 / 1e6:.3f} | {w / 1e6:.3f} ({r.get('worst_100_at_step')})"
                         f" | {r['ns'] / 1e6:.3f} | {r.get('final_loss', 0):.2e} | "
                         f"{r.get('subnormals_in_params_and_state')} |" if f5 and w else
                         f"| {r['workload']} | {r['variant']} | {r['threads']} | {r['flush_denormal']} | "
                         f"{r.get('steps')} | | | {r['ns'] / 1e6:.3f} | | |")

    if probes:
        L.append("")
        L.append("## BLAS probe (PyTorch GEMM 128x784x300 forward and weight gradient, one thread, geometric mean)")
        L.append("")
        L.append("| BLAS / core type | GFLOP/s |")
        L.append("|---|---|")
        for lab, g, _ in sorted(probes, key=lambda p: -p[1]):
            L.append(f"| {lab} | {g:,.1f} |")

    L.append("")
    L.append("## ModelGen, every BenchmarkDotNet result")
    L.append("")
    if mg:
        L.append("| Class | Method | Parameters | Median | Mean | StdDev | N |")
        L.append("|---|---|---|---|---|---|---|")
        for r in mg:
            sd = f"{r['sd']:,.1f} ns" if r["sd"] is not None else ""
            L.append(f"| {r['type']} | {r['method']} | {r['param_text']} | {r['median']:,.1f} ns | "
                     f"{r['mean']:,.1f} ns | {sd} | {r['n']} |")
    else:
        L.append("n/a (no BenchmarkDotNet results: see the script's log)")

    text = "\n".join(L) + "\n"
    with open(a.out, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
