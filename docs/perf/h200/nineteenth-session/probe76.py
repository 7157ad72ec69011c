"""Probe 76 (nineteenth session): 16-bit forward rows of 98304-262144 columns, lagged split rows
against the streamed rule.

Call 3's sweep (sweep_configs, every variant, one round): bf16/fp16 131072 in 8 lagged slices
of 16384 with 8 warps 73.2/74.6% of copy against the rule's 67.9/68.1 (probe 70: 16 warps
71.0 against 67.5); at 98304 (6 slices) 69.1/70.3 against 69.7/70.5 and the rule with its
chunks in order 72.2/72.6; at 65536 the rule best (77.0/78.8). Before a rule: where between
98304 and 131072 the lag starts to win, and whether groups wider than 8 keep it (the backward's
groups of 16 lost). Prediction: the lag ahead from 7 slices on by 3-6 points; at 10-16 slices
unknown (16 may lose, as the backward's).
Variants: the rule; the rule with in_order flipped; lagged 16384-wide slices, 1-row tiles, 8
and 16 warps.
Method as probes 63-75 (probe7.run_point: 3 interleaved rounds, each variant checked first
against the float64 reference), M = 4096. From the repository root, with ab/probe7.py (carry
["ab"]):
  PYTHONPATH=.:ab python docs/perf/h200/nineteenth-session/probe76.py
DRY=1 PYTHONPATH=. python <this file>: the variants' configs only (no GPU).
"""

import dataclasses
import os

import torch

from kernels import config as cfg

DRY = bool(os.environ.get("DRY"))
M = 4096
R = dataclasses.replace
POINTS = [
    (dtype, n)
    for n in (131072, 114688, 98304, 163840, 196608, 262144)
    for dtype in ("bfloat16", "float16")
]


def variants(dtype, n):
    tdt = getattr(torch, dtype)
    rule = cfg.forward_config(n, tdt, "H200")
    out = {"rule": rule, "rule, in_order flipped": R(rule, in_order=not rule.in_order)}
    for warps in (8, 16):
        out[f"16384 x {n // 16384} lag w{warps}"] = cfg.ForwardConfig(
            16384, 1, 1, warps, n // 16384, lag=True
        )
    return out


def forward(dtype, n):
    import probe7

    from kernels import layernorm as ln
    from kernels.bench import harness as h
    from kernels.reference import assert_close, layer_norm_reference

    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    vs = variants(dtype, n)

    def call(v):
        return ln._forward(x, w, b, 1e-5, vs[v], stats=False)

    def check(v):
        for _ in range(3):
            assert_close(call(v)[0], ref, tdt, f"{v} y")

    print(f"forward {dtype} {n}: " + "; ".join(f"{k} {c}" for k, c in vs.items()), flush=True)
    probe7.run_point("forward", dtype, n, vs, call, check)
    del x, w, b, ref, inp
    torch.cuda.empty_cache()


if __name__ == "__main__":
    for dtype, n in POINTS:
        if DRY:
            print(dtype, n, variants(dtype, n))
        else:
            forward(dtype, n)
