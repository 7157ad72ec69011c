"""Probe 110 (twenty-fourth session): providers timed one after another (the harness) or
interleaved call by call.

Probes 107-109: a measurement's time can depend on which measurement came before it, by up to
13% on some VMs (ours after the copy's measurement, probe 108; the copy after torch.compile's,
probe 109), with x, y and the flush buffer at the same addresses and the clocks unchanged.
The harness measures each point's providers one after another in a fixed order (triton,
torch, torch_compile, copy), so every point's triton follows a copy and its copy follows
torch.compile. Timed call by call in turn (flush and wait before each call, the order rotated
every rep), every provider sees the same states. Prediction: the interleaved ratios steady
across rounds; the sequential ones move by the order effects.
S: the harness's time_case per provider in its order, 3 rounds. I: interleaved, 3 rounds of
100 calls a provider. Forward, M = 4096; every case checked by h.prepare.
  PYTHONPATH=. python docs/perf/h200/twenty-fourth-session/probe110.py
"""

import time

import torch

from kernels.bench import harness as h

M = 4096
PROVIDERS = ("triton", "torch", "torch_compile", "copy")
POINTS = [("bfloat16", 2048), ("float32", 2048), ("bfloat16", 4096), ("float16", 512),
          ("float32", 256), ("bfloat16", 8192)]
ROUNDS = 3
REPS = 100


def interleaved(fns):
    """Median ms per function, timed call by call in turn (order rotated each rep)."""
    host_ms = 0.0
    for f in fns:
        f()
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        for _ in range(5):
            f()
        host_ms = max(host_ms, (time.perf_counter() - t0) * 1e3 / 5)
        for _ in range(20):
            f()
    cycles = int(h.HOST_CUSHION * host_ms * h._gpu_cycles_per_ms())
    flush = torch.empty(h.L2_FLUSH_BYTES // 4, dtype=torch.int32, device="cuda")
    ev = [[(torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True))
           for _ in range(REPS)] for _ in fns]
    idx = list(range(len(fns)))
    for r in range(REPS):
        k = r % len(fns)
        for i in idx[k:] + idx[:k]:
            flush.zero_()
            torch.cuda._sleep(cycles)
            s, e = ev[i][r]
            s.record()
            fns[i]()
            e.record()
    torch.cuda.synchronize()
    return [torch.tensor([s.elapsed_time(e) for s, e in ev[i]]).median().item() for i in idx]


def line(tag, dtype, n, ms):
    us = dict(zip(PROVIDERS, (t * 1e3 for t in ms)))
    cells = " ".join(f"{p} {us[p]:6.2f}" for p in PROVIDERS)
    print(f"{dtype:8s} {n:5d} {tag}: {cells} us | triton {us['copy'] / us['triton'] * 100:5.1f}% "
          f"of copy, {us['torch_compile'] / us['triton']:.3f}x torch.compile", flush=True)


def point(dtype, n):
    cases = {p: h.prepare(p, "forward", M, n, dtype) for p in PROVIDERS}
    for r in range(ROUNDS):
        line(f"S{r + 1}", dtype, n, [h.time_case(cases[p]).ms for p in PROVIDERS])
    for r in range(ROUNDS):
        line(f"I{r + 1}", dtype, n, interleaved([cases[p].fn for p in PROVIDERS]))
    del cases
    torch.cuda.empty_cache()


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    for args in POINTS:
        point(*args)
