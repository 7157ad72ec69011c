"""Probe 84 (twentieth session): the exact-chunk streamed forward with two rows a program.

Offline sm_90 (Triton 3.6, a7da4dc's kernels): a program of two rows shares pass 2's weight and
bias loads and conversions and the row overhead: bf16 8192 (4 x 2048, 8 warps) 21.5 -> 17.2
instructions an element, registers 32 -> 60 (four 256-thread programs a SM still fit); bf16
32768 (4 x 8192, 32 warps) 60 registers: one 1024-thread program a SM instead of two.
Prediction: +1 to +3 points of copy where the rows are near the issue rate (16-bit 8192-16384),
a loss at 32 warps. Variants: the H200 rule and the same config with block_m = 2. Method as
probes 63-83 (3 interleaved rounds, checked first), M = 4096, stats off.
  PYTHONPATH=.:ab python docs/perf/h200/twentieth-session/probe84.py [dtype:N ...]
"""

import dataclasses
import sys

import torch

M = 4096
POINTS = [("bfloat16", 8192), ("float16", 8192), ("bfloat16", 16384), ("float16", 16384),
          ("bfloat16", 32768), ("bfloat16", 12288), ("float32", 8192), ("float32", 16384)]
if sys.argv[1:]:
    POINTS = [(a.split(":")[0], int(a.split(":")[1])) for a in sys.argv[1:]]


def forward(dtype, n):
    import probe7

    from kernels import config as cfg
    from kernels import layernorm as ln
    from kernels.bench import harness as h
    from kernels.reference import assert_close, layer_norm_reference

    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    vs = {"rule": rule, "2 rows": dataclasses.replace(rule, block_m=2)}

    def call(v):
        return ln._forward(x, w, b, 1e-5, vs[v], stats=False)[0]

    def check(v):
        for _ in range(3):
            assert_close(call(v), ref, tdt, f"{v} y")

    print(f"forward {dtype} {n}: {rule}", flush=True)
    probe7.run_point("forward", dtype, n, vs, call, check)
    torch.cuda.empty_cache()


if __name__ == "__main__":
    for dtype, n in POINTS:
        forward(dtype, n)
