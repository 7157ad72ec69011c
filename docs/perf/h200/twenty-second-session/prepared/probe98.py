"""Probe 98 (prepared in the twenty-second session, NOT RUN): pass 1 as one load of the widest
power of two of chunks plus a Welford loop over the rest ("head load": variants/head-load.diff,
package ab/kernels_hl, where `padded_load` means the head load) against the committed rules
(the loop, the triples of the wide rows, or the padded load).

Offline (head-load-scan.txt, sm_90, Triton 3.6): bf16 40960 (5 x 8192, 32 warps) 32 registers,
784 instructions against the triples' 928, 4 of its 5 loads before any arithmetic against 3;
fp32 24576 (6 x 4096) all 6 first with 32 registers (padded it took 42 and lost 7 points, probe
92; the loop issues 4); fp32 22528 and 11264 (11 chunks) 4 of 7 wider loads first, 32
registers; 16-bit 18432/22528 (2048 x 9/11) 57-58 registers (one 512-thread program fewer a
SM); fp16 49152 47 registers (one 1024-thread program a SM, as the triples). Prediction: fp32
24576 +2 to +6 points, bf16/fp16 40960 and fp32 11264/22528 +0 to +4, 16-bit 18432/22528
uncertain (registers); 10240 and 24576 16-bit (head 4 of 5 or 6) below their padded load.
Method as probes 63-97, M = 4096, statistics stored and not.
  PYTHONPATH=.:ab python docs/perf/h200/twenty-second-session/prepared/probe98.py
"""

from dataclasses import replace

import probe7
import torch

import kernels_hl.layernorm as ln_hl
from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

M = 4096
POINTS = [("float32", 24576), ("bfloat16", 40960), ("float16", 40960), ("float32", 22528),
          ("float32", 11264), ("bfloat16", 18432), ("float16", 22528), ("float16", 49152),
          ("bfloat16", 10240), ("bfloat16", 24576)]


def forward(dtype, n):
    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    head = replace(rule, equal_lanes=True, padded_load=True)
    fns = {}
    for s in ("stats", "infer"):
        fns[f"rule {s}"] = lambda s=s: ln._forward(x, w, b, 1e-5, rule, stats=s == "stats")[0]
        fns[f"head load {s}"] = lambda s=s: ln_hl._forward(x, w, b, 1e-5, head, stats=s == "stats")[0]

    def check(v):
        for _ in range(2):
            assert_close(fns[v](), ref, tdt, v)

    print(f"forward {dtype} {n}: {rule}", flush=True)
    probe7.run_point("forward", dtype, n, fns, lambda v: fns[v](), check)
    torch.cuda.empty_cache()


if __name__ == "__main__":
    for dtype, n in POINTS:
        forward(dtype, n)
