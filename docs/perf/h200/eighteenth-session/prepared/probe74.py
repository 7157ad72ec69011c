"""Probe 74 (prepared in the eighteenth session, NOT RUN: no device time left): the split rows'
per-tile cost at 16-bit, split between the row-sum reductions and the exchange proper.

Probes 71-72 left it inferred: the no-wait launch (SUMS_LOAD) has neither the exchange nor the
reductions (dead code there), and whole rows (the same tile, reductions, no exchange) are another
kernel on another grid. Here all variants are one config (the rule's tile, slices and walk,
unlagged so that every mode runs the same loop; offline sm_90 SASS at bf16 4 x 8192 strided:
LOCAL 1256 instructions, EXCHANGE 1336, the same cp.async pipeline, the exchange adding the
atomic and the poll; LOAD 1200, no SHFL, its sums loads pipelined as well):
  exchange   the kernel as it runs (SUMS_EXCHANGE), unlagged;
  local sums each program uses its own slice's sums (SUMS_LOCAL with splits > 1: the reductions,
             no publish, no poll; dx WRONG, timed only);
  neither    the two-launch path's second launch alone (SUMS_LOAD: no reductions, no exchange;
             sums written by an untimed first launch, so dx is right).
exchange - local sums = the exchange proper; local sums - neither = the reductions (and the small
pipeline difference). The lagged rule for reference, bf16 8192 whole rows for scale.
Prediction (probes 71-72 by inference): at 16-bit the exchange proper 7-11 points, the
reductions 6-8; at fp32 both near 0.
Method as probes 63-72 (probe7.run_point: 3 interleaved rounds, checked variants against the
float64 reference first; "local sums" only run once before timing). M = 4096. From the
repository root, with ab/probe7.py (carry ["ab"]):
  PYTHONPATH=.:ab python docs/perf/h200/eighteenth-session/prepared/probe74.py
DRY=1 PYTHONPATH=. python <this file>: the variants' configs and modes only (no GPU).
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
    ("float32", 32768),
    ("bfloat16", 8192),
]
TIMING_ONLY = {"local sums"}


def variants(dtype, n):
    tdt = getattr(torch, dtype)
    smem = cfg.DEFAULT_SHARED_MEMORY if DRY else cfg.max_shared_memory(torch.device("cuda"))
    rule = cfg.backward_config(n, tdt, "H200", smem, tdt.itemsize)
    out = {"rule": (rule, None)}
    if rule.splits > 1:
        same = R(rule, lag=False)
        out["exchange"] = (same, "exchange")
        out["local sums"] = (same, "local")
        out["neither"] = (R(same, exchange=False), "load")
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
    orig = ln._row_sums_buffers
    loads = {}
    current = {}

    def patched(x_, conf, programs):
        mode = vs[current["v"]][1]
        if mode == "local":
            return (ln.SUMS_LOCAL.value,), torch.empty(1, device=x_.device)
        if mode == "load":
            if "sums" not in loads:  # first call: both launches, keeping the buffer
                loads["sums"] = orig(x_, conf, programs)[1]
                return (ln.SUMS_STORE.value, ln.SUMS_LOAD.value), loads["sums"]
            return (ln.SUMS_LOAD.value,), loads["sums"]
        return orig(x_, conf, programs)

    ln._row_sums_buffers = patched

    def call(v):
        current["v"] = v
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=vs[v][0])

    def check(v):
        if v in TIMING_ONLY:
            call(v)
            return
        for _ in range(5):
            for name, a, r in zip(("dx", "dw", "db"), call(v), ref, strict=True):
                assert_close(a, r, tdt, f"{v} {name}")

    print(f"backward {dtype} {n}: " + "; ".join(f"{k} {c}" for k, c in vs.items()), flush=True)
    try:
        probe7.run_point("backward", dtype, n, list(vs), call, check)
    finally:
        ln._row_sums_buffers = orig


if __name__ == "__main__":
    for dtype, n in POINTS:
        if DRY:
            print(
                dtype,
                n,
                {k: (c.splits, c.lag, c.strided, m) for k, (c, m) in variants(dtype, n).items()},
            )
        else:
            backward(dtype, n)
