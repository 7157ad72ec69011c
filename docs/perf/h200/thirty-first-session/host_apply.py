"""Probe 146 (thirty-first session): call 3's host table read `Function.apply (no grad)` 46.0 us
(one round) against 28.9 in the thirtieth session's, though entry 78's change only makes its
allocations cheaper. The row alone, new launchers against fcde327's (kernels/_old_layernorm.py,
as in call 2) in one process: fp32 (1, 4096), detached inputs as the host table has them, plus
the inference call and the `_forward` launcher with statistics; 8 rotated rounds.
  PYTHONPATH=. python docs/perf/h200/thirty-first-session/host_apply.py
"""

import time

import torch

from kernels import _old_layernorm as old
from kernels import layernorm as new

CALLS, WARM, ROUNDS = 3000, 300, 8


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
    x, w, b = (torch.randn(*s, device="cuda") for s in ((1, 4096), (4096,), (4096,)))
    fns = {}
    for name, mod in (("new", new), ("old", old)):
        fns[f"Function.apply (no grad) {name}"] = (
            lambda mod=mod: mod._LayerNormFunction.apply(x, w, b, 1e-5))
        fns[f"_forward with stats {name}"] = lambda mod=mod: mod._forward(x, w, b, 1e-5)
        fns[f"inference {name}"] = lambda mod=mod: mod.layer_norm(x, (4096,), w, b)
    for f in fns.values():
        f()
    times = {k: [] for k in fns}
    names = list(fns)
    for r in range(ROUNDS):
        for k in names[r % len(names):] + names[: r % len(names)]:
            times[k].append(per_call(fns[k]))
    for k, ts in times.items():
        med = sorted(ts)[len(ts) // 2]
        print(f"{k:32s} median {med:6.1f} ({min(ts):.1f}-{max(ts):.1f}) us  "
              f"rounds: {' '.join(f'{t:.1f}' for t in ts)}", flush=True)
    for what in ("Function.apply (no grad)", "_forward with stats", "inference"):
        wins = sum(a < c for a, c in zip(times[f"{what} new"], times[f"{what} old"], strict=True))
        print(f"  {what}: new faster in {wins} of {ROUNDS} rounds", flush=True)


if __name__ == "__main__":
    main()
