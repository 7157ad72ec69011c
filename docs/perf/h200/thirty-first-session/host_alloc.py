"""Probe 144 (thirty-first session): a small call's host time with fewer and cheaper
allocations (kernels/layernorm.py) against the parent commit's code (kernels/_old_layernorm.py,
written by call2.sh from fcde327's kernels/layernorm.py), in one process. Probe 143 found
torch.empty((M, N), dtype=, device=) 3.2-6.5 us a call against torch.empty_like(x) 1.7-4.4.
The change: y, dx and dweight/dbias by empty_like; no placeholder buffer when the backward has
no partial rows (dx fills the slots); a leaner argument check and row count. (1, 4096) and
(64, 4096), fp32 and bf16: inference, the backward launcher alone and forward+backward through
autograd, F.layer_norm beside them; wall time a call over CALLS calls after WARM, rounds
rotated, every round printed.
  PYTHONPATH=. python docs/perf/h200/thirty-first-session/host_alloc.py [ROUNDS]
"""

import sys
import time

import torch
import torch.nn.functional as F

from kernels import _old_layernorm as old
from kernels import layernorm as new
from kernels.reference import assert_close, reference_grads

CALLS, WARM = 3000, 300
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 6


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
    for dtype in (torch.float32, torch.bfloat16):
        for m in (1, 64):
            x, dy = (torch.randn(m, 4096, device=dev, dtype=dtype) for _ in range(2))
            w, b = (torch.randn(4096, device=dev, dtype=dtype) for _ in range(2))
            _, mean, rstd = new._forward(x, w, b, 1e-5)
            expected = reference_grads(x, (4096,), w, b, 1e-5, dy)
            for name, mod in (("new", new), ("old", old)):
                got = mod._backward(dy, x, w, mean, rstd, True, dtype)
                for g, e, what in zip(got, expected, ("dx", "dw", "db"), strict=True):
                    assert_close(g, e, dtype, f"{name} {what}")
                assert torch.equal(
                    mod.layer_norm(x, (4096,), w, b), new.layer_norm(x, (4096,), w, b)
                )
            xg, wg, bg = (t.clone().requires_grad_() for t in (x, w, b))

            def training(fn):
                return lambda: fn(xg, (4096,), wg, bg).backward(dy)

            fns = {
                "inference new": lambda: new.layer_norm(x, (4096,), w, b),
                "inference old": lambda: old.layer_norm(x, (4096,), w, b),
                "inference F.layer_norm": lambda: F.layer_norm(x, (4096,), w, b),
                "_backward new": lambda: new._backward(dy, x, w, mean, rstd, True, dtype),
                "_backward old": lambda: old._backward(dy, x, w, mean, rstd, True, dtype),
                "fwd+bwd new": training(new.layer_norm),
                "fwd+bwd old": training(old.layer_norm),
                "fwd+bwd F.layer_norm": training(F.layer_norm),
            }
            times = {k: [] for k in fns}
            names = list(fns)
            for r in range(ROUNDS):
                for k in names[r % len(names) :] + names[: r % len(names)]:
                    times[k].append(per_call(fns[k]))
            for k, ts in times.items():
                med = sorted(ts)[len(ts) // 2]
                print(
                    f"{str(dtype)[6:]:8s} ({m:2d}, 4096) {k:22s} median {med:6.1f} "
                    f"({min(ts):.1f}-{max(ts):.1f}) us  rounds: {' '.join(f'{t:.1f}' for t in ts)}",
                    flush=True,
                )
            for what in ("inference", "_backward", "fwd+bwd"):
                new_t, old_t = times[f"{what} new"], times[f"{what} old"]
                wins = sum(a < c for a, c in zip(new_t, old_t, strict=True))
                print(f"  {what}: new faster in {wins} of {ROUNDS} rounds", flush=True)


if __name__ == "__main__":
    main()
