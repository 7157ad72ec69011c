"""Probe 137 (twenty-ninth session): a small call's host time with the forward's launch plans
(kernels/layernorm.py) against the code before them (kernels/_old_layernorm.py, written by
call7.sh from the parent commit's kernels/layernorm.py), and F.layer_norm, in one process.
(1, 4096) and (64, 4096), fp32 and bf16, inference (torch.no_grad) and forward+backward; wall
time per call over 5000 calls after 500 warm-up ones, rounds rotated, 4 rounds.
  PYTHONPATH=. python docs/perf/h200/twenty-ninth-session/host_plans.py [ROUNDS [inference]]
(call 8: 10 rounds, inference only, every round's time printed).
"""

import sys
import time

import torch
import torch.nn.functional as F

from kernels import _old_layernorm as old
from kernels import layernorm as new
from kernels.reference import assert_close, layer_norm_reference

CALLS, WARM = 5000, 500
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 4
ONLY = sys.argv[2] if len(sys.argv) > 2 else ""


def per_call(f):
    for _ in range(WARM):
        f()
    torch.cuda.synchronize()
    t = time.perf_counter()
    for _ in range(CALLS):
        f()
    torch.cuda.synchronize()
    return (time.perf_counter() - t) / CALLS * 1e6


def inference(fn, x, w, b):
    def f():
        with torch.no_grad():
            fn(x, (x.shape[1],), w, b)

    return f


def training(fn, x, w, b, dy):
    def f():
        fn(x, (x.shape[1],), w, b).backward(dy)

    return f


def main():
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    dev = torch.device("cuda")
    for dtype in (torch.float32, torch.bfloat16):
        for m in (1, 64):
            x = torch.randn(m, 4096, device=dev, dtype=dtype)
            w = torch.randn(4096, device=dev, dtype=dtype)
            b = torch.randn(4096, device=dev, dtype=dtype)
            ref = layer_norm_reference(x, (4096,), w, b, 1e-5)
            for name, fn in (("plans", new.layer_norm), ("before", old.layer_norm)):
                assert_close(fn(x, (4096,), w, b), ref, dtype, name)
            xg, wg, bg = (t.clone().requires_grad_() for t in (x, w, b))
            dy = torch.randn_like(x)
            fns = {
                "inference plans": inference(new.layer_norm, x, w, b),
                "inference before": inference(old.layer_norm, x, w, b),
                "inference F.layer_norm": inference(F.layer_norm, x, w, b),
                "fwd+bwd plans": training(new.layer_norm, xg, wg, bg, dy),
                "fwd+bwd before": training(old.layer_norm, xg, wg, bg, dy),
                "fwd+bwd F.layer_norm": training(F.layer_norm, xg, wg, bg, dy),
            }
            fns = {k: f for k, f in fns.items() if k.startswith(ONLY)}
            times = {k: [] for k in fns}
            names = list(fns)
            for r in range(ROUNDS):
                for k in names[r:] + names[:r]:
                    times[k].append(per_call(fns[k]))
            for k, ts in times.items():
                print(
                    f"{str(dtype)[6:]:8s} ({m:2d}, 4096) {k:24s} {min(ts):7.2f}-{max(ts):7.2f} us"
                    + (f"  rounds: {' '.join(f'{t:.1f}' for t in ts)}" if ONLY else ""),
                    flush=True,
                )


if __name__ == "__main__":
    main()
