"""Probe 113 (twenty-fourth session): tiles and caps for the 16-bit 4096 forward.

The bench at f0a44d1 (call 6): fp16 4096 88%, bf16 89% of copy, the last 16-bit power of two
under 95%. The table's tile (1 row, 4 warps) takes 80 registers (offline, sm_90): 6 programs of
128 threads a SM, 48 KB of a row in flight. Offline: under a 72 cap 7 programs (bf16 no
spill, fp16 8 bytes); 2 rows with 8 warps take 64 (4 programs of 256 threads, 64 KB in
flight); 1 row with 8 warps 48 (5 programs, 40 KB). Prediction from probes 108-112 (more
programs a SM, same tile, +2-11%): 2 rows with 8 warps or the 72 cap +2-5%.
Method as probe 108 (6 rotated rounds, the copy and torch.compile among the variants).
  PYTHONPATH=.:ab:docs/perf/h200/twenty-fourth-session python docs/perf/h200/twenty-fourth-session/probe113.py
"""

from dataclasses import replace

import probe7
import torch
import torch.nn.functional as F

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

M = 4096
ROUNDS = 6
VARIANTS = {"r1 w4 cap72": (1, 4, 72), "r2 w8": (2, 8, 0), "r1 w8": (1, 8, 0)}


def point(dtype, n):
    tdt = getattr(torch, dtype)
    dev = torch.device("cuda")
    inp = h._random_inputs(M, n, dtype, dev)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    fns = {"table": lambda: ln._forward(x, w, b, 1e-5, rule, stats=False)[0]}
    for v, (bm, warps, cap) in VARIANTS.items():
        t = replace(rule, block_m=bm, num_warps=warps, max_registers=cap)
        fns[v] = lambda t=t: ln._forward(x, w, b, 1e-5, t, stats=False)[0]
    fns["torch.compile"] = lambda: compiled(x, (n,), w, b, 1e-5)
    for v, f in fns.items():
        for _ in range(2):
            assert_close(f(), ref, tdt, v)
    fns["copy"] = h._copy_case("forward", M, n, dtype, dev).fn
    names = list(fns)
    res = {v: [] for v in names}
    for r in range(ROUNDS):
        k = r % len(names)
        for v in names[k:] + names[:k]:
            res[v].append(probe7.med(fns[v]) * 1e3)
    nbytes = h.bytes_moved("forward", M, n, dtype)
    print(f"== {dtype} {n}: table {rule.block_m} rows {rule.num_warps} warps "
          f"cap {rule.max_registers}; {nbytes} bytes")
    for v in names:
        ts = res[v]
        pct = [c / t * 100 for c, t in zip(res["copy"], ts)]
        cells = " ".join(f"{t:5.2f}" for t in ts)
        print(f"{dtype} {n} {v:14s} {min(ts):6.2f}-{max(ts):6.2f} us "
              f"{nbytes / min(ts) / 1e3:5.0f} GB/s  {min(pct):5.1f}-{max(pct):5.1f}% of copy  "
              f"rounds: {cells}", flush=True)
    torch.cuda.empty_cache()


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    for dt in ("float16", "bfloat16"):
        point(dt, 4096)
