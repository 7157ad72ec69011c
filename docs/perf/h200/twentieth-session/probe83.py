"""Probe 83 (twentieth session): equal lanes in bf16's rows wider than 32768, now that the
forward upcasts bf16 by its bits (9105d74: 32 registers at 8192 x 4, 49 before).
FWD_STREAM_WIDE_ROWS keeps the triples (probe 81: the schedule swung by variant there, fp16
40960-49152 -20 to -25 points with equal lanes). fp16's code did not change with _f32, so only
bf16 is asked. Prediction: none (ptxas's schedule); a bf16-only exception would need a dtype key.
Variants: the H200 rule (equal_lanes False) and the same config with equal_lanes True. Method as
probes 63-82, M = 4096, stats off.
  PYTHONPATH=.:ab python docs/perf/h200/twentieth-session/probe83.py [dtype:N ...]
"""

import dataclasses
import sys

import torch

M = 4096
POINTS = [("bfloat16", n) for n in (40960, 49152, 57344, 65536, 73728)]
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
    vs = {"rule": rule, "equal lanes": dataclasses.replace(rule, equal_lanes=True)}

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
