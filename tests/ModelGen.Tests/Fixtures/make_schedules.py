"""Writes schedules.json: PyTorch's OneCycleLR (three_phase=True, anneal_strategy='linear'), the book's 1cycle, step by
step, for ModelGen's OneCycle schedule (tests/ModelGen.Tests/Training/ScheduleTests.cs). Keras has no 1cycle; the Keras
schedules are checked against their formulas in the tests. Run: python3 make_schedules.py (PyTorch 1.13)."""
import json
import torch


def one_cycle(max_lr, total_steps, pct_start, div_factor, final_div_factor):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=max_lr)
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=max_lr, total_steps=total_steps, pct_start=pct_start, div_factor=div_factor,
        final_div_factor=final_div_factor, anneal_strategy="linear", three_phase=True, cycle_momentum=False)
    rates = []
    for _ in range(total_steps):
        rates.append(opt.param_groups[0]["lr"])  # the rate of this step (step index = len(rates) - 1)
        opt.step()
        sched.step()
    return {"max_lr": max_lr, "total_steps": total_steps, "pct_start": pct_start, "div_factor": div_factor,
            "final_div_factor": final_div_factor, "rates": rates}


cases = [one_cycle(0.1, 100, 0.3, 25.0, 1e4), one_cycle(0.05, 257, 0.45, 10.0, 100.0)]
with open("schedules.json", "w") as f:
    json.dump({"torch": torch.__version__, "one_cycle": cases}, f, indent=1)
