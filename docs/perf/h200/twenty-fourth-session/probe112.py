"""Probe 112 (twenty-fourth session): the register caps as committed to the H200 table, against
the same tiles without a cap, at the 16-bit widths probes 108 and 111 did not reach (2304,
3584, 3840) and again at 2048 and 3072, on another VM.
Table after the change: 16-bit 2048 capped at 40 registers, 2049-4095 (2 rows, 8 warps) at 64.
Prediction (probes 108, 111): fp16 2304-3840 7-11% less time capped, bf16 level; 2048 1.5-2%.
Method as probe 108 (6 rotated rounds, the copy and torch.compile among the variants).
  PYTHONPATH=.:ab:docs/perf/h200/twenty-fourth-session python docs/perf/h200/twenty-fourth-session/probe112.py
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
POINTS = [(dt, n) for n in (2048, 2304, 3072, 3584, 3840) for dt in ("float16", "bfloat16")]


def point(dtype, n):
    tdt = getattr(torch, dtype)
    dev = torch.device("cuda")
    inp = h._random_inputs(M, n, dtype, dev)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    bare = replace(rule, max_registers=0)
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    fns = {
        f"table cap {rule.max_registers}": lambda: ln._forward(x, w, b, 1e-5, rule, stats=False)[0],
        "no cap": lambda: ln._forward(x, w, b, 1e-5, bare, stats=False)[0],
        "torch.compile": lambda: compiled(x, (n,), w, b, 1e-5),
    }
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
    print(f"== {dtype} {n}: table {rule.block_m} rows {rule.num_warps} warps; {nbytes} bytes")
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
    torch._dynamo.config.accumulated_recompile_limit = 10000
    for args in POINTS:
        point(*args)
