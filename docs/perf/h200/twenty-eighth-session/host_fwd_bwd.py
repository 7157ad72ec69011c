"""Probe 128: where a (1, 4096) fp32 forward+backward's host time goes (H200 VM), against
F.layer_norm's. Wall clock per call over a loop (host-bound at this size), then the Python time
inside our launchers (they run on the autograd engine's device thread for the backward, which
cProfile does not see), then torch.profiler's CPU table for a few iterations.
  PYTHONPATH=. python docs/perf/h200/twenty-eighth-session/host_fwd_bwd.py
"""

import functools
import time

import torch
import torch.nn.functional as F

import kernels
from kernels import layernorm as ln

N, ITERS = 4096, 2000
x = torch.randn(1, N, device="cuda", requires_grad=True)
w = torch.randn(N, device="cuda", requires_grad=True)
b = torch.randn(N, device="cuda", requires_grad=True)
dy = torch.randn(1, N, device="cuda")


class AtenInPython(torch.autograd.Function):
    """PyTorch's own kernels behind a Python autograd.Function: what the Python Function costs."""

    @staticmethod
    def forward(ctx, x, w, b):
        y, mean, rstd = torch.native_layer_norm(x, (N,), w, b, 1e-5)
        ctx.save_for_backward(x, w, b, mean, rstd)
        return y

    @staticmethod
    def backward(ctx, dy):
        x, w, b, mean, rstd = ctx.saved_tensors
        return torch.ops.aten.native_layer_norm_backward(
            dy, x, (N,), mean, rstd, w, b, [True, True, True]
        )


def per_call(fn):
    for _ in range(100):
        fn()
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(ITERS):
        fn()
    torch.cuda.synchronize()
    return (time.perf_counter() - t0) / ITERS * 1e6


def grads(y):
    return torch.autograd.grad(y, (x, w, b), dy)


variants = {
    "F fwd+bwd (.backward)": lambda: F.layer_norm(x, (N,), w, b).backward(dy),
    "ours fwd+bwd (.backward)": lambda: kernels.layer_norm(x, (N,), w, b).backward(dy),
    "F fwd+bwd (autograd.grad)": lambda: grads(F.layer_norm(x, (N,), w, b)),
    "ours fwd+bwd (autograd.grad)": lambda: grads(kernels.layer_norm(x, (N,), w, b)),
    "aten in a Python Function fwd+bwd": lambda: AtenInPython.apply(x, w, b).backward(dy),
    "F fwd (grad on, no backward)": lambda: F.layer_norm(x, (N,), w, b),
    "ours fwd (grad on, no backward)": lambda: kernels.layer_norm(x, (N,), w, b),
    "ours _backward launcher": lambda: ln._backward(
        dy,
        x.detach(),
        w.detach(),
        *ln._forward(x.detach(), w.detach(), b.detach(), 1e-5)[1:],
        True,
        torch.float32,
    ),
    "ours _forward launcher": lambda: ln._forward(x.detach(), w.detach(), b.detach(), 1e-5),
    "torch.empty (1, 4096) fp32 cuda": lambda: torch.empty((1, N), device="cuda"),
    "x.sum().backward() (engine floor)": lambda: (x * 1.0).sum().backward(),
}

print(torch.cuda.get_device_name(), torch.__version__)
for round_ in range(2):
    for name, fn in variants.items():
        print(f"round {round_}  {name:40s} {per_call(fn):8.1f} us/call", flush=True)

# Python time inside the launchers, wherever they run (the backward's is the engine's thread).
spent = {"_forward": [0.0, 0], "_backward": [0.0, 0], "_grads_from_ctx": [0.0, 0]}


def timed(name, f):
    @functools.wraps(f)
    def wrapper(*a, **k):
        t = time.perf_counter()
        try:
            return f(*a, **k)
        finally:
            spent[name][0] += time.perf_counter() - t
            spent[name][1] += 1

    return wrapper


originals = {name: getattr(ln, name) for name in spent}
for name in spent:
    setattr(ln, name, timed(name, originals[name]))
total = per_call(lambda: kernels.layer_norm(x, (N,), w, b).backward(dy))
for name in spent:
    setattr(ln, name, originals[name])
print(f"\nours fwd+bwd with timers {total:.1f} us/call; inside (us per call):")
for name, (s, n) in spent.items():
    print(f"  {name:18s} {s / max(n, 1) * 1e6:8.1f} us  ({n} calls)")

from torch.profiler import ProfilerActivity, profile  # noqa: E402

for name in ("F fwd+bwd (.backward)", "ours fwd+bwd (.backward)"):
    fn = variants[name]
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        for _ in range(50):
            fn()
        torch.cuda.synchronize()
    print(f"\n== torch.profiler, 50 x {name} ==")
    print(
        prof.key_averages().table(sort_by="cpu_time_total", row_limit=22, max_name_column_width=60)
    )
