"""Probe 145 (thirty-first session): is the device-thread hop of entry 77 the two threads'
running on different CPU cores? Entry 77: a (1, 4096) forward+backward through autograd costs
ours ~170 us more with the engine's device thread than without (eager ~40), though both
threads never run at once. Hypothesis: each hop moves the Python objects' cache lines between
two cores; with every thread of the process pinned to one core the hop stays on one core's
caches. Variants, fp32 (1, 4096), forward+backward through autograd: ours and F.layer_norm,
with the process's threads on all cores (as started) and pinned to one core; wall time a call
over CALLS calls after WARM, ROUNDS rotated rounds, medians (range).
  PYTHONPATH=. python docs/perf/h200/thirty-first-session/host_affinity.py
"""

import os
import time

import torch
import torch.nn.functional as F

import kernels

CALLS, WARM, ROUNDS = 2000, 200, 6


def pin(cpus):
    """Every thread of the process (autograd's device threads included) onto ``cpus``."""
    for tid in os.listdir("/proc/self/task"):
        os.sched_setaffinity(int(tid), cpus)


def per_call(f):
    for _ in range(WARM):
        f()
    torch.cuda.synchronize()
    t = time.perf_counter()
    for _ in range(CALLS):
        f()
    torch.cuda.synchronize()
    return (time.perf_counter() - t) / CALLS * 1e6


def main():
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    dev = torch.device("cuda")
    x, w, b = (torch.randn(*s, device=dev, requires_grad=True) for s in ((1, 4096), (4096,), (4096,)))
    dy = torch.randn(1, 4096, device=dev)
    fns = {
        "ours": lambda: kernels.layer_norm(x, (4096,), w, b).backward(dy),
        "F.layer_norm": lambda: F.layer_norm(x, (4096,), w, b).backward(dy),
    }
    for f in fns.values():  # start autograd's device threads before pinning them
        f()
    every = os.sched_getaffinity(0)
    one = {min(every)}
    print(f"cores: all = {len(every)}, one = {one}", flush=True)
    variants = {f"{k}, {c}": (f, cpus) for k, f in fns.items() for c, cpus in (("all cores", every), ("one core", one))}
    times = {k: [] for k in variants}
    names = list(variants)
    for r in range(ROUNDS):
        for k in names[r % len(names) :] + names[: r % len(names)]:
            f, cpus = variants[k]
            pin(cpus)
            try:
                times[k].append(per_call(f))
            finally:
                pin(every)
    for k, ts in times.items():
        med = sorted(ts)[len(ts) // 2]
        print(
            f"{k:24s} median {med:6.1f} ({min(ts):.1f}-{max(ts):.1f}) us  "
            f"rounds: {' '.join(f'{t:.1f}' for t in ts)}",
            flush=True,
        )


if __name__ == "__main__":
    main()
