"""Probe 108 (twenty-fourth session): register caps that add programs a SM, 16-bit 2048/3072.

Offline (`../twenty-first-session/register-caps.txt`, sm_90, Triton 3.6): bf16 2048 (1 row, 4
warps) takes 48 registers (10 programs of 128 threads a SM) and 40 under a cap without spills
(12 programs); bf16 3072 (2 rows, 8 warps) 69 -> 64 (3 -> 4 programs of 256 threads). More
programs a SM keep more bytes in flight. Prediction: 16-bit 2048 +1-3 points of copy (the
bench's 92-93%), 3072 +1-3; fp32 2048 and 16-bit 4096 spill under any cap, so not tried.
Method as probe 104: the harness's timer, every variant checked first, 6 rounds with the order
of the variants (the copy and torch.compile among them) rotated each round, M = 4096. % of
copy: each round's copy against each round's variant, min-max over the rounds.
  PYTHONPATH=.:ab python docs/perf/h200/twenty-fourth-session/probe108.py
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
POINTS = [("bfloat16", 2048, (40,)), ("float16", 2048, (40,)),
          ("bfloat16", 3072, (64,)), ("float16", 3072, (64,))]


def point(dtype, n, caps):
    tdt = getattr(torch, dtype)
    dev = torch.device("cuda")
    inp = h._random_inputs(M, n, dtype, dev)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    fns = {"table": lambda: ln._forward(x, w, b, 1e-5, rule, stats=False)[0]}
    for cap in caps:
        t = replace(rule, max_registers=cap)
        fns[f"cap {cap}"] = lambda t=t: ln._forward(x, w, b, 1e-5, t, stats=False)[0]
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
    for args in POINTS:
        point(*args)
