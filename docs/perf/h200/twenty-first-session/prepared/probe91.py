"""Probe 91 (prepared in the twenty-first session, NOT RUN): equal lanes, now with pass 1 in one
load where the chunk count is a power of two (log entry 47), in the rows wider than 32768.

FWD_STREAM_WIDE_ROWS keeps the lane triples (equal lanes swung ptxas's schedule there, entry 46,
with the chunk loop). Offline (sm_90, Triton 3.6, 6278f88): 16-bit 65536 (8 x 8192, 32 warps)
with the triples issues 4 of its 8 pass-1 loads first (46 registers, 1032 instructions); with
equal lanes, one load, all 8 (60-61 registers: still one 1024-thread program a SM; 856
instructions). fp32 65536 (4 x 16384): 64 -> 62 registers, 1304 -> 832 instructions; of its 16 pass-1
loads (4 a chunk) the triples issue 8 first, equal lanes 9 (even one tl.load is not a promise). Non-powers of two (40960: 5 chunks) keep the loop: control.
Prediction: 16-bit 65536 +3 to +6 points (72-81% now, target 85), fp32 65536 within noise or
better (fewer instructions), 40960 as entry 46 found (equal lanes -20 to -25 at fp16).
Method as probes 63-90, M = 4096, statistics stored and not.
  PYTHONPATH=.:ab python docs/perf/h200/twenty-first-session/prepared/probe91.py
"""

from dataclasses import replace

import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

M = 4096
POINTS = [("bfloat16", 65536), ("float16", 65536), ("float32", 65536), ("float16", 40960),
          ("bfloat16", 40960)]


def forward(dtype, n):
    import probe7

    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    confs = {"rule": rule, "equal lanes": replace(rule, equal_lanes=True)}
    fns = {f"{v} {s}": (lambda c=c, s=s: ln._forward(x, w, b, 1e-5, c, stats=s == "stats")[0])
           for v, c in confs.items() for s in ("stats", "infer")}

    def check(v):
        for _ in range(2):
            assert_close(fns[v](), ref, tdt, v)

    print(f"forward {dtype} {n}: {rule}", flush=True)
    probe7.run_point("forward", dtype, n, fns, lambda v: fns[v](), check)
    torch.cuda.empty_cache()


if __name__ == "__main__":
    for dtype, n in POINTS:
        forward(dtype, n)
