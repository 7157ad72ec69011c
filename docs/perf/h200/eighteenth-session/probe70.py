"""Probe 70 (eighteenth session): the forward's split rows finished one tile late
(ForwardConfig.lag), and 4 load stages for the lagged 16-bit backward at 6-8 slices.

A. Forward at 65536 (the target: 85% of copy; the rules: fp32 streamed 83-84%, 16-bit streamed
   77%) and 131072 (fp32 split 81%): the rule against split rows of n/8 columns a slice in
   2-row tiles (the split rule's tile), 1-row tiles, and 1-row tiles lagged. 2-row tiles do not
   fit lagged (offline sm_90 compile: 224-264 bytes of stack); 1-row 8192-wide slices lagged
   take 176 registers (bf16) and 255 (fp32), no stack; 16384-wide with 16 warps 16 bytes.
   Prediction: lag +3-8 points over the same unlagged tile, which loses to 2-row tiles by about
   as much (1-row tiles 65% against 87% on an H100, sweep 17): a tie with the rule at best.
B. Backward bf16 49152 and fp16 65536: the rule against 4 load stages (+1.2 at bf16 65536 in
   probe 69, a tie at 32768).
Method as probes 63-69 (probe7.run_point: 3 interleaved rounds, each variant checked first
against the float64 reference, lagged output bitwise against the same config unlagged),
M = 4096. From the repository root, with ab/probe7.py and carry ["ab"]:
  PYTHONPATH=.:ab python docs/perf/h200/eighteenth-session/probe70.py
DRY=1 PYTHONPATH=. python <this file>: prints the variants' configs only (no GPU).
"""

import dataclasses
import os

import torch

from kernels import config as cfg

DRY = bool(os.environ.get("DRY"))
M = 4096
R = dataclasses.replace
FWD_POINTS = [
    ("bfloat16", 65536),
    ("float16", 65536),
    ("float32", 65536),
    ("float32", 131072),
    ("bfloat16", 131072),
]
BWD_POINTS = [("bfloat16", 49152), ("float16", 65536)]


def forward_variants(dtype, n):
    rule = cfg.forward_config(n, getattr(torch, dtype), "H200")
    block = n // 8
    warps = 8 if block <= 8192 else 16
    m2 = cfg.ForwardConfig(block, 1, 2, warps, splits=8)
    return {
        "rule": rule,
        "split m2": m2,
        "split m1": R(m2, block_m=1),
        "split m1 lag": R(m2, block_m=1, lag=True),
    }


def backward_variants(dtype, n):
    tdt = getattr(torch, dtype)
    smem = cfg.DEFAULT_SHARED_MEMORY if DRY else cfg.max_shared_memory(torch.device("cuda"))
    rule = cfg.backward_config(n, tdt, "H200", smem, tdt.itemsize)
    return {"rule": rule, "4 stages": R(rule, load_stages=4)}


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
    vs = forward_variants(dtype, n)

    def call(v):
        return ln._forward(x, w, b, 1e-5, vs[v])

    def check(v):
        for _ in range(5):
            got = call(v)
            assert_close(got[0], ref, tdt, v)
        if vs[v].lag:
            unlagged = ln._forward(x, w, b, 1e-5, R(vs[v], lag=False))
            for a, e in zip(got, unlagged, strict=True):
                assert torch.equal(a, e), f"{v}: not bitwise the unlagged"

    print(f"forward {dtype} {n}: " + "; ".join(f"{k} {c}" for k, c in vs.items()), flush=True)
    probe7.run_point("forward", dtype, n, vs, call, check)


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
    vs = backward_variants(dtype, n)

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=vs[v])

    def check(v):
        for _ in range(5):
            for name, a, r in zip(("dx", "dw", "db"), call(v), ref, strict=True):
                assert_close(a, r, tdt, f"{v} {name}")

    print(f"backward {dtype} {n}: " + "; ".join(f"{k} {c}" for k, c in vs.items()), flush=True)
    probe7.run_point("backward", dtype, n, vs, call, check)


if __name__ == "__main__":
    for dtype, n in FWD_POINTS:
        if DRY:
            print("forward", dtype, n, forward_variants(dtype, n))
        else:
            forward(dtype, n)
    for dtype, n in BWD_POINTS:
        if DRY:
            print("backward", dtype, n, backward_variants(dtype, n))
        else:
            backward(dtype, n)
