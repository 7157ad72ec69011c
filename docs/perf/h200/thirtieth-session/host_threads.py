"""Probe 142 (thirtieth session): where a small forward+backward's host time goes beyond its
launchers. Entry 67 found ours ~2x the sum of its launchers' own times (402 against 179 us for
F.layer_norm in call 3's host table, the launchers 22 + 54) and the launchers twice as slow
inside the loop, "for reasons not found". Hypothesis: the backward runs on autograd's CUDA
device thread, so every call hands the GIL and the Python objects' cache lines between two
threads; torch.autograd.set_multithreading_enabled(False) runs it on the calling thread.
Variants, fp32 (1, 4096), wall time a call over CALLS calls after WARM, 6 rotated rounds:
ours, F.layer_norm and a null autograd.Function (saves x and w, returns empty tensors: the
Python Function and engine overhead without kernels), each with the engine's threads on and
off; and our two launchers called back to back without autograd.
  PYTHONPATH=. python docs/perf/h200/thirtieth-session/host_threads.py
"""

import time

import torch
import torch.nn.functional as F

import kernels
from kernels import layernorm as ln

CALLS, WARM, ROUNDS = 2000, 200, 6


class Null(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, w, b):
        ctx.save_for_backward(x, w)
        return torch.empty_like(x)

    @staticmethod
    def backward(ctx, dy):
        x, w = ctx.saved_tensors
        return torch.empty_like(x), torch.empty_like(w), torch.empty_like(w)


def per_call(f, threads):
    torch.autograd.set_multithreading_enabled(threads)
    try:
        for _ in range(WARM):
            f()
        torch.cuda.synchronize()
        t = time.perf_counter()
        for _ in range(CALLS):
            f()
        torch.cuda.synchronize()
        return (time.perf_counter() - t) / CALLS * 1e6
    finally:
        torch.autograd.set_multithreading_enabled(True)


def main():
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    dev = torch.device("cuda")
    x, w, b = (torch.randn(*s, device=dev, requires_grad=True) for s in ((1, 4096), (4096,), (4096,)))
    dy = torch.randn(1, 4096, device=dev)
    xd, wd, bd = x.detach(), w.detach(), b.detach()
    fns = {
        "ours": lambda: kernels.layer_norm(x, (4096,), w, b).backward(dy),
        "F.layer_norm": lambda: F.layer_norm(x, (4096,), w, b).backward(dy),
        "null Function": lambda: Null.apply(x, w, b).backward(dy),
    }
    variants = {f"{k} threads {t}": (f, t) for k, f in fns.items() for t in ("on", "off")}

    def launchers():
        _, mean, rstd = ln._forward(xd, wd, bd, 1e-5)
        ln._backward(dy, xd, wd, mean, rstd, True, torch.float32)

    variants["_forward + _backward, no autograd"] = (launchers, "on")
    times = {k: [] for k in variants}
    names = list(variants)
    for r in range(ROUNDS):
        for k in names[r % len(names) :] + names[: r % len(names)]:
            f, t = variants[k]
            times[k].append(per_call(f, t == "on"))
    for k, ts in times.items():
        med = sorted(ts)[len(ts) // 2]
        print(
            f"{k:36s} median {med:6.1f} ({min(ts):.1f}-{max(ts):.1f}) us  "
            f"rounds: {' '.join(f'{t:.1f}' for t in ts)}",
            flush=True,
        )


if __name__ == "__main__":
    main()
