#!/usr/bin/python3
"""PyTorch side of benchmarks/compare: the same workloads as benchmarks/ModelGen.Benchmarks, measured at PyTorch's best.

Run by benchmarks/compare (which picks the BLAS library and OPENBLAS_CORETYPE and sets the thread variables);
by hand:

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 \
    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread \
    /usr/bin/python3 benchmarks/peers/pytorch_bench.py --threads 1 --sections inference,gemm,training --out r.json

One process measures one thread count and one flush-denormal setting, because OpenBLAS reads its thread count
(and core type) once, when it is loaded: torch.set_num_threads alone does not limit OpenBLAS's threads.

Sections and variants:
  inference  784-300-100-10 ReLU+softmax one sample and batch 256; 8-16-16-1 tanh dependent calls and 16 samples.
             Variants: eager (inference_mode), jit (torch.jit.script + freeze), jit-ofi (optimize_for_inference),
             jit-loop (the 64 dependent calls inside one scripted module), mkldnn (batch 256 only).
  training   Adam (lr 1e-3), sparse categorical cross-entropy (F.cross_entropy on logits, i.e. softmax fused in the
             loss), batch 32 and 128, thousands of steps on fixed random data (--train-steps, at most --train-max-s
             seconds); steady state = median of the last quarter of the steps. Variants: eager/jit x Adam foreach False/True.
  gemm       torch.mm with out=, both weight layouts (nn.Linear's [out,in] and [in,out]); GFLOP/s = 2*M*K*N/t.
  probe      a short GEMM probe, used by benchmarks/compare to pick the BLAS library/core type.

Timing: time.perf_counter; at least --warmup seconds of warm-up per measurement; then repeats of an inner loop
sized to about 10 ms each for --measure seconds; the median repeat is reported. Results: JSON list of records.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

perf = time.perf_counter


def bench(fn, warmup_s, measure_s, per_repeat_s=0.01, min_repeats=15):
    """Median seconds per call of fn()."""
    t0 = perf()
    n = 0
    while True:
        fn()
        n += 1
        if perf() - t0 >= warmup_s and n >= 3:
            break
    per = (perf() - t0) / n
    inner = max(1, int(per_repeat_s / max(per, 1e-9)))
    times = []
    t_end = perf() + measure_s
    while perf() < t_end or len(times) < min_repeats:
        t = perf()
        for _ in range(inner):
            fn()
        times.append((perf() - t) / inner)
    return statistics.median(times), len(times), inner


def mlp784(softmax=True):
    layers = [nn.Linear(784, 300), nn.ReLU(), nn.Linear(300, 100), nn.ReLU(), nn.Linear(100, 10)]
    # Same initialisation as the ModelGen model: He normal for the ReLU layers, Glorot uniform for the last, zero bias.
    nn.init.kaiming_normal_(layers[0].weight, nonlinearity="relu")
    nn.init.kaiming_normal_(layers[2].weight, nonlinearity="relu")
    nn.init.xavier_uniform_(layers[4].weight)
    for i in (0, 2, 4):
        nn.init.zeros_(layers[i].bias)
    if softmax:
        layers.append(nn.Softmax(dim=1))
    return nn.Sequential(*layers)


def tiny8():
    layers = [nn.Linear(8, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 1)]
    for i in (0, 2, 4):
        nn.init.xavier_uniform_(layers[i].weight)
        nn.init.zeros_(layers[i].bias)
    return nn.Sequential(*layers)


class TinyLoop(nn.Module):
    """64 dependent calls of the tiny net inside one scripted graph (input[0] = output[0] * 1e-3)."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, inp: torch.Tensor) -> torch.Tensor:
        out = inp
        for _ in range(64):
            out = self.net(inp)
            inp[:, 0:1] = out * 1e-3
        return out


class Runner:
    def __init__(self, args):
        self.args = args
        self.records = []
        self.common = {"threads": args.threads, "flush_denormal": bool(args.flush),
                       "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "")}

    def add(self, workload, variant, seconds, unit_per=1, **extra):
        rec = dict(workload=workload, variant=variant, ns=seconds * 1e9 / unit_per, **self.common, **extra)
        self.records.append(rec)
        print(f"  {workload:16s} {variant:22s} t={self.args.threads} ftz={self.args.flush} "
              f"wait={self.common['omp_wait_policy'] or '-'}: "
              f"{rec['ns']:12.1f} ns" + (f"  {extra}" if extra else ""), file=sys.stderr, flush=True)

    def time(self, fn):
        return bench(fn, self.args.warmup, self.args.measure)[0]

    def attempt(self, label, fn):
        try:
            fn()
        except Exception as e:  # one failing variant must not lose the others
            print(f"  {label}: failed: {type(e).__name__}: {e}", file=sys.stderr, flush=True)

    # ------------------------------------------------------------------ inference
    def inference(self):
        torch.manual_seed(1)
        mlp = mlp784().eval()
        tiny = tiny8().eval()
        with torch.inference_mode():
            x1 = torch.rand(1, 784)
            x256 = torch.rand(256, 784)
            t16 = torch.rand(16, 8)
            models = {"eager": (mlp, tiny)}
            models["jit"] = (torch.jit.freeze(torch.jit.script(mlp)), torch.jit.freeze(torch.jit.script(tiny)))
            models["jit-ofi"] = (torch.jit.optimize_for_inference(torch.jit.script(mlp)),
                                 torch.jit.optimize_for_inference(torch.jit.script(tiny)))
            for name, (m, t) in models.items():
                self.attempt(f"mlp784_one/{name}", lambda: self.add("mlp784_one", name, self.time(lambda: m(x1))))
                self.attempt(f"mlp784_b256/{name}",
                             lambda: self.add("mlp784_b256", name, self.time(lambda: m(x256)), unit_per=256))

                def dep():
                    inp = torch.rand(1, 8)
                    head = inp[:, 0:1]

                    def step():
                        torch.mul(t(inp), 1e-3, out=head)
                    self.add("tiny_dep", name, self.time(step))
                self.attempt(f"tiny_dep/{name}", dep)
                self.attempt(f"tiny_16/{name}", lambda: self.add("tiny_16", name, self.time(lambda: t(t16)), unit_per=16))

            def dep_loop():
                loop = torch.jit.freeze(torch.jit.script(TinyLoop(tiny8().eval()).eval()))
                inp = torch.rand(1, 8)
                self.add("tiny_dep", "jit-loop", self.time(lambda: loop(inp)), unit_per=64)
            self.attempt("tiny_dep/jit-loop", dep_loop)

            def mkldnn_b256():
                import torch.utils.mkldnn as mk
                body = mk.to_mkldnn(nn.Sequential(*list(mlp)[:5]))
                self.add("mlp784_b256", "mkldnn",
                         self.time(lambda: torch.softmax(body(x256.to_mkldnn()).to_dense(), 1)), unit_per=256)
            self.attempt("mlp784_b256/mkldnn", mkldnn_b256)

    # ------------------------------------------------------------------ training
    def training(self):
        for batch in self.args.batches:
            for variant, foreach in (("eager+foreach", True), ("eager", False), ("jit+foreach", True)):
                self.attempt(f"train_b{batch}/{variant}", lambda: self.train_one(batch, variant, foreach))

    def train_one(self, batch, variant, foreach):
        torch.manual_seed(1)
        model = mlp784(softmax=False)
        if variant.startswith("jit"):
            model = torch.jit.script(model)
        x = torch.rand(batch, 784)
        y = torch.randint(0, 10, (batch,))
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=foreach)

        def step():
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
            return loss

        steps = self.args.train_steps
        times = []
        t_start = perf()
        # At least `steps` steps and train_min_s seconds, but no more than train_max_s seconds (a contended machine
        # can make a 1 ms step take 40 ms).
        while (len(times) < steps or perf() - t_start < self.args.train_min_s) and \
                perf() - t_start < self.args.train_max_s:
            t = perf()
            loss = step()
            times.append(perf() - t)
        window = 100
        meds = [statistics.median(times[i:i + window]) for i in range(0, len(times) - window + 1, window)]
        tail = max(window, len(times) // 4)
        steady = statistics.median(times[-tail:])
        worst_i = max(range(len(meds)), key=lambda i: meds[i]) if meds else 0

        tiny = 1.1754944e-38
        sub = 0
        total = 0
        for p in model.parameters():
            for tsr in [p.data] + [v for v in opt.state[p].values() if torch.is_tensor(v) and v.dim() > 0]:
                sub += int(((tsr != 0) & (tsr.abs() < tiny)).sum())
                total += tsr.numel()
        self.add(f"train_b{batch}", variant, steady, steps=len(times),
                 first_500_ns=statistics.median(times[10:510]) * 1e9 if len(times) > 20 else None,
                 worst_100_ns=meds[worst_i] * 1e9 if meds else None, worst_100_at_step=worst_i * window,
                 steady_last=tail, final_loss=float(loss), subnormals_in_params_and_state=sub)

    # ------------------------------------------------------------------ gemm
    def gemm(self, batches=None, kinds=("forward", "input_grad", "weight_grad")):
        K, N = 784, 300
        torch.manual_seed(1)
        with torch.no_grad():
            for M in batches or self.args.batches:
                X = torch.rand(M, K)
                W = torch.rand(K, N)          # [in, out]
                Wt = W.t().contiguous()       # [out, in]: nn.Linear's layout
                dY = torch.rand(M, N)
                Y = torch.empty(M, N)
                dX = torch.empty(M, K)
                dW = torch.empty(K, N)
                dWt = torch.empty(N, K)
                flops = 2.0 * M * K * N
                cases = {
                    "forward": [("X.W[in,out]", lambda: torch.mm(X, W, out=Y)),
                                ("X.Wt[out,in]^T (nn.Linear)", lambda: torch.mm(X, Wt.t(), out=Y))],
                    "input_grad": [("dY.Wt[out,in] (nn.Linear)", lambda: torch.mm(dY, Wt, out=dX)),
                                   ("dY.W[in,out]^T", lambda: torch.mm(dY, W.t(), out=dX))],
                    "weight_grad": [("X^T.dY -> [in,out]", lambda: torch.mm(X.t(), dY, out=dW)),
                                    ("dY^T.X -> [out,in] (nn.Linear)", lambda: torch.mm(dY.t(), X, out=dWt))],
                }
                for kind in kinds:
                    for variant, fn in cases[kind]:
                        s = self.time(fn)
                        self.add(f"gemm_{kind}_b{M}", variant, s, gflops=flops / s / 1e9)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--flush", type=int, default=0, help="torch.set_flush_denormal(True) before anything runs")
    ap.add_argument("--sections", default="inference,gemm,training")
    ap.add_argument("--batches", default="32,128")
    ap.add_argument("--warmup", type=float, default=1.0, help="seconds of warm-up per measurement")
    ap.add_argument("--measure", type=float, default=2.0, help="seconds of timed repeats per measurement")
    ap.add_argument("--train-steps", type=int, default=4000)
    ap.add_argument("--train-min-s", type=float, default=4.0, help="train at least this long per configuration")
    ap.add_argument("--train-max-s", type=float, default=30.0, help="stop a configuration after this long")
    ap.add_argument("--out", required=True)
    ap.add_argument("--label", default="", help="free text stored in the output (the BLAS probe's name)")
    args = ap.parse_args()
    args.batches = [int(b) for b in args.batches.split(",")]

    torch.set_num_threads(args.threads)
    if args.flush and not torch.set_flush_denormal(True):
        print("warning: flush-denormal not supported", file=sys.stderr)
    r = Runner(args)
    env = {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                           "MKL_NUM_THREADS", "OMP_WAIT_POLICY", "LD_LIBRARY_PATH")}
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, flush {args.flush}, env {env}",
          file=sys.stderr, flush=True)
    for section in args.sections.split(","):
        if section == "probe":
            r.gemm(batches=[128], kinds=("forward", "weight_grad"))
        else:
            getattr(r, section)()
    with open(args.out, "w") as f:
        json.dump({"torch": torch.__version__, "label": args.label, "env": env, "records": r.records}, f, indent=1)


if __name__ == "__main__":
    main()
