"""Probe 152 (thirty-third session): where the backward's fixed cost per call goes.
Probe 151 found the backward at 90-98% of copy at M = 16384-65536 where it runs 75-90% at
M = 4096: at bf16 and fp32 4096 its time is about 11 us plus the bytes at ~4.1 TB/s, the copy's
about 5 us plus the bytes at ~4.2 TB/s. Here, at M = 2048-65536 rows, the harness's timer
(cuda_times: flush_l2, host cushion, CUDA events; medians over 3 rotated rounds) on
  full     _backward with dweight and dbias (rows kernel, partial rows, their sum)
  dx       _backward without them (the rows kernel alone: no accumulators, no partial rows)
  copy     the device copy of bytes_moved('backward') bytes
  fwd      _forward (inference, no statistics) and fwd-copy, the copy of the forward's bytes
and a least-squares line t = a + b*M for each: a is the fixed cost of a call. Then
torch.profiler's kernel durations at M = 4096 (the rows kernel, the sum, the copy).
Prediction: a(full) ~11 us, a(dx) 7-8 us, a(copy) ~5 us; the sum kernel 1-2 us.
  PYTHONPATH=. python docs/perf/h200/thirty-third-session/probe152.py"""

import numpy as np
import torch
from torch.profiler import ProfilerActivity, profile

from kernels import layernorm as ln
from kernels.bench import harness as h

POINTS = [("bfloat16", 4096), ("float32", 4096), ("bfloat16", 8192), ("bfloat16", 1024)]
MS = (2048, 4096, 8192, 16384, 32768, 65536)
ROUNDS, EPS = 3, 1e-5


def copy_fn(nbytes):
    src = torch.randint(0, 256, (nbytes // 2,), dtype=torch.uint8, device="cuda")
    dst = torch.empty_like(src)
    return lambda: dst.copy_(src)


def fns(dtype_name, m, n):
    inp = h._random_inputs(m, n, dtype_name, torch.device("cuda"))
    x, w, b, dy = (inp[k] for k in ("x", "weight", "bias", "dy"))
    _, mean, rstd = ln._forward(x, w, b, EPS)
    return {
        "full": lambda: ln._backward(dy, x, w, mean, rstd, True, b.dtype),
        "dx": lambda: ln._backward(dy, x, w, mean, rstd, False, None),
        "copy": copy_fn(h.bytes_moved("backward", m, n, dtype_name)),
        "fwd": lambda: ln._forward(x, w, b, EPS, stats=False),
        "fwd-copy": copy_fn(h.bytes_moved("forward", m, n, dtype_name)),
    }


def profile_kernels(calls):
    flush = torch.empty(h.L2_FLUSH_BYTES // 4, dtype=torch.int32, device="cuda")
    for fn in calls.values():
        fn()
    torch.cuda.synchronize()
    with profile(activities=[ProfilerActivity.CUDA]) as prof:
        for fn in calls.values():
            for _ in range(20):
                h.flush_l2(flush)
                fn()
        torch.cuda.synchronize()
    for e in sorted(prof.key_averages(), key=lambda e: -e.device_time_total):
        if "zero_evict_last" not in e.key:
            print(f"    {e.key[:60]:60s} calls {e.count:4d}  avg {e.device_time:8.2f} us")


if __name__ == "__main__":
    for dtype_name, n in POINTS:  # the production path against the float64 reference
        h.prepare("triton", "backward", 4096, n, dtype_name)
    for dtype_name, n in POINTS:
        rows = []
        for m in MS:
            calls = fns(dtype_name, m, n)
            med = {
                k: sorted(v)[ROUNDS // 2] * 1e3 for k, v in h.rotated_rounds(calls, ROUNDS).items()
            }
            rows.append(med)
            gb = h.bytes_moved("backward", m, n, dtype_name) / 1e3
            print(
                f"{dtype_name:8s} {n:5d} M {m:6d}  "
                + "  ".join(f"{k} {v:8.2f}" for k, v in med.items())
                + f"  us; full {gb / med['full']:6.0f} GB/s"
                + f" ({med['copy'] / med['full']:.1%} of copy)",
                flush=True,
            )
            if m == 4096:
                profile_kernels({k: calls[k] for k in ("full", "copy")})
            del calls
            torch.cuda.empty_cache()
        for k in rows[0]:
            b, a = np.polyfit(np.array(MS, dtype=float), [r[k] for r in rows], 1)
            print(f"    fit {k:8s} a = {a:6.2f} us fixed, b = {b * 1e3:7.3f} us per 1000 rows")
