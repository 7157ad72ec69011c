"""Probe 122 (prepared in the twenty-fifth session, run in the twenty-sixth): are the streamed
rows' L2 hints, and streaming itself, still a win once the flush evicts `evict_last` lines
(entry 61)?

`ForwardConfig.l2_hints` loads pass 1 `evict_last` and pass 2 `evict_first`, so pass 2's re-read
of a row hits L2. It was tuned while the zeroing flush left `evict_last` lines in L2 from the
previous call, which flattered it (probe 121: the streamed 16-bit 8192 rows 7% slower with
`flush_l2` than in the last bench). Here the rule's streamed config with and without the hints,
at each streamed width of the default sweep, and (where FWD_STREAM_FULL_BLOCKS took them from
it, entry 37) the whole row in registers with its old warps, 6 rotated rounds with the copy and torch.compile
among the variants, every variant checked against the float64 reference first. M = 4096.
  PYTHONPATH=. python docs/perf/h200/twenty-sixth-session/probe122.py
"""

from dataclasses import replace

import torch
import torch.nn.functional as F

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

CUDA = torch.cuda.is_available()
M = 4096 if CUDA else 4
# The whole-row tile each full-block streamed width replaced (entry 37; fp32 16384: 16 warps).
WHOLE_ROW_WARPS = {("float32", 8192): 8, ("float32", 16384): 16, ("bfloat16", 8192): 8,
                   ("float16", 8192): 8, ("bfloat16", 16384): 8}
ROUNDS = 6
POINTS = [("float32", 8192), ("float32", 16384), ("bfloat16", 8192), ("float16", 8192),
          ("bfloat16", 16384), ("bfloat16", 32768), ("float16", 32768)]


def med(fn):
    return torch.tensor(h.cuda_times(fn)).median().item() * 1e3


def point(dtype, n):
    dev = torch.device("cuda" if CUDA else "cpu")
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, dev)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    fns = {
        f"rule (l2_hints {rule.l2_hints})": lambda: ln._forward(x, w, b, 1e-5, rule, stats=False)[0],
        f"l2_hints {not rule.l2_hints}": lambda c=replace(rule, l2_hints=not rule.l2_hints): (
            ln._forward(x, w, b, 1e-5, c, stats=False)[0]
        ),
    }
    if (dtype, n) in WHOLE_ROW_WARPS:
        whole = cfg.ForwardConfig(n, 1, 1, WHOLE_ROW_WARPS[dtype, n])
        fns["whole row"] = lambda: ln._forward(x, w, b, 1e-5, whole, stats=False)[0]
    if CUDA:
        compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
        fns["torch.compile"] = lambda: compiled(x, (n,), w, b, 1e-5)
    for v, f in fns.items():
        assert_close(f(), ref, tdt, v)
    if not CUDA:
        print(f"{dtype} {n}: checked on the interpreter ({rule})")
        return
    fns["copy"] = h._copy_case("forward", M, n, dtype, dev).fn
    names = list(fns)
    res = {v: [] for v in names}
    for r in range(ROUNDS):
        k = r % len(names)
        for v in names[k:] + names[:k]:
            res[v].append(med(fns[v]))
    nbytes = h.bytes_moved("forward", M, n, dtype)
    for v in names:
        ts = res[v]
        pct = [c / t * 100 for c, t in zip(res["copy"], ts)]
        print(f"{dtype} {n} {v:20s} {min(ts):7.2f}-{max(ts):7.2f} us "
              f"{nbytes / min(ts) / 1e3:5.0f} GB/s  {min(pct):5.1f}-{max(pct):5.1f}% of copy", flush=True)
    torch.cuda.empty_cache()


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    for dtype, n in POINTS if CUDA else POINTS[:1] + POINTS[2:3]:
        point(dtype, n)
