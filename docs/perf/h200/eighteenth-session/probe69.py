"""Probe 69 (eighteenth session): the lag rule (BWD_LAG_MIN_SPLITS: 16-bit groups of 3+ full
slices lagged and strided, from probe 68) across 3-8 slices, and what might add to it.
A. bf16 24576-65536 (3-8 slices), fp16 65536: the rule against the old rule (unlagged,
   contiguous). Prediction: +2-8 points as probe 68 at 3, 4 and 8 slices; 5-7 in between.
B. bf16 32768 and 65536: the rule with 4 load stages (3 tiles in flight instead of 2: 96 KB of
   shared memory), with the weights loaded per row (32 registers fewer), with 16 warps.
   Prediction: 4 stages +1-3 (the held tile has its loads in flight longer), the others noise.
C. bf16 16384 (2 slices, not lagged): the rule, 4 stages, lagged strided with 4 stages.
Method as probes 63-68 (probe7.run_point: 3 interleaved rounds, each variant checked first
against the float64 reference, and lagged dx bitwise against the same config unlagged), M = 4096.
From the repository root, with ab/probe7.py and carry ["ab"]:
  PYTHONPATH=.:ab python docs/perf/h200/eighteenth-session/probe69.py
DRY=1 PYTHONPATH=. python <this file>: prints the variants' configs only (no GPU).
"""

import dataclasses
import os

import torch

from kernels import config as cfg

DRY = bool(os.environ.get("DRY"))
M = 4096
R = dataclasses.replace
POINTS = [
    ("bfloat16", 32768),
    ("bfloat16", 65536),
    ("bfloat16", 16384),
    ("bfloat16", 24576),
    ("bfloat16", 40960),
    ("bfloat16", 49152),
    ("bfloat16", 57344),
    ("float16", 65536),
]


def variants(dtype, n):
    tdt = getattr(torch, dtype)
    smem = cfg.DEFAULT_SHARED_MEMORY if DRY else cfg.max_shared_memory(torch.device("cuda"))
    rule = cfg.backward_config(n, tdt, "H200", smem, tdt.itemsize)
    out = {"rule": rule}
    if rule.lag:
        out["old rule"] = R(rule, lag=False, strided=False)
    if n in (32768, 65536) and dtype == "bfloat16":
        out["4 stages"] = R(rule, load_stages=4)
        out["weights per row"] = R(rule, weights_per_row=True)
        out["16 warps"] = R(rule, num_warps=16)
    if n == 16384:
        out["4 stages"] = R(rule, load_stages=4)
        out["lag strided 4 stages"] = R(rule, load_stages=4, lag=True, strided=True)
    return out


def backward(dtype, n):
    import probe7

    from kernels import layernorm as ln
    from kernels.bench import harness as h
    from kernels.reference import assert_close, reference_grads

    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    vs = variants(dtype, n)

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=vs[v])

    def check(v):
        for _ in range(5):
            got = call(v)
            for name, a, r in zip(("dx", "dw", "db"), got, ref, strict=True):
                assert_close(a, r, tdt, f"{v} {name}")
        if vs[v].lag:
            unlagged = ln._backward(dy, x, w, mean, rstd, True, tdt, R(vs[v], lag=False))
            assert torch.equal(got[0], unlagged[0]), f"{v}: dx not bitwise the unlagged"

    print(f"backward {dtype} {n}: " + "; ".join(f"{k} {c}" for k, c in vs.items()), flush=True)
    probe7.run_point("backward", dtype, n, vs, call, check)


if __name__ == "__main__":
    for dtype, n in POINTS:
        if DRY:
            print(
                dtype,
                n,
                {k: (c.lag, c.strided, c.load_stages) for k, c in variants(dtype, n).items()},
            )
        else:
            backward(dtype, n)
