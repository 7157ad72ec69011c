"""Probe 139 (thirtieth session): a small call's backward host time with the backward's launch
plans (kernels/layernorm.py) against the code before them (kernels/_old_layernorm.py, written
by call2.sh from the parent commit's kernels/layernorm.py), in one process. (1, 4096) and
(64, 4096), fp32 and bf16: the backward launcher alone (`_backward` with dweight and dbias, as
autograd calls it) and forward+backward through autograd (F.layer_norm beside them); wall time
a call over CALLS calls after WARM, rounds rotated, every round printed.
  PYTHONPATH=. python docs/perf/h200/thirtieth-session/host_bwd_plans.py [ROUNDS]
"""

import sys
import time

import torch
import torch.nn.functional as F

from kernels import _old_layernorm as old
from kernels import layernorm as new
from kernels.reference import assert_close, reference_grads

CALLS, WARM = 3000, 300
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 8


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
            for name, mod in (("plans", new), ("before", old)):
                got = mod._backward(dy, x, w, mean, rstd, True, dtype)
                for g, e, what in zip(got, expected, ("dx", "dw", "db"), strict=True):
                    assert_close(g, e, dtype, f"{name} {what}")
            xg, wg, bg = (t.clone().requires_grad_() for t in (x, w, b))

            def training(fn):
                return lambda: fn(xg, (4096,), wg, bg).backward(dy)

            fns = {
                "_backward plans": lambda: new._backward(dy, x, w, mean, rstd, True, dtype),
                "_backward before": lambda: old._backward(dy, x, w, mean, rstd, True, dtype),
                "fwd+bwd plans": training(new.layer_norm),
                "fwd+bwd before": training(old.layer_norm),
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
            pairs = sum(a < b for a, b in zip(times["_backward plans"], times["_backward before"]))
            print(f"  _backward: plans faster in {pairs} of {ROUNDS} rounds", flush=True)


if __name__ == "__main__":
    main()
