"""Probe 68 (eighteenth session): split rows finished one tile late (BackwardConfig.lag).

Iteration i publishes tile i's row sums, then waits for tile i-1's and finishes it (its x and
dy held in registers for one iteration), so the group's slowest program has a whole tile's time
to publish before anyone waits. Offline sm_90 compile (Triton 3.6): bf16 8192-wide slices 209 ->
250-251 registers, no spills; fp32 225-227 -> 255 and 80 bytes of stack.
Prediction: 16-bit split rows (73-74% of copy at 16384-32768, 64% at 65536) +5-10 points; fp32
(86-92%) within 1-2 points either way (spills).
A. 16-bit: the rule, lag, lag strided, lag with 16 warps.
B. fp32: the rule, lag.
C. bf16 13312 (2 slices, one a little more than half full) as A; bf16 20480, whose rule (two
   slices with tails) cannot lag: the rule against 3 plain 8192-wide slices, with and without lag.
Method as probes 63-67 (probe7.run_point: 3 interleaved rounds, each variant checked first
against the float64 reference, lagged dx bitwise against the rule's where the rule has no tail),
M = 4096. From the repository root, with ab/probe7.py and carry ["ab"]:
  PYTHONPATH=.:ab python docs/perf/h200/eighteenth-session/probe68.py
DRY=1 PYTHONPATH=. python <this file>: prints the variants' configs only (no GPU).
"""

import dataclasses
import os

import torch

from kernels import config as cfg

DRY = bool(os.environ.get("DRY"))
M = 4096
R = dataclasses.replace
B = cfg.BackwardConfig
POINTS = [
    ("bfloat16", 16384),
    ("bfloat16", 24576),
    ("bfloat16", 32768),
    ("float16", 32768),
    ("bfloat16", 65536),
    ("bfloat16", 13312),
    ("bfloat16", 20480),
    ("float32", 16384),
    ("float32", 24576),
    ("float32", 32768),
    ("float32", 65536),
]


def variants(dtype, n):
    tdt = getattr(torch, dtype)
    smem = cfg.DEFAULT_SHARED_MEMORY if DRY else cfg.max_shared_memory(torch.device("cuda"))
    rule = cfg.backward_config(n, tdt, "H200", smem, tdt.itemsize)
    out = {"rule": rule}
    lagged = rule
    if rule.tail_n or rule.splits == 1:
        lagged = B(8192, -(-n // 8192), 1, 8, 1, load_stages=3)
        out["plain slices"] = lagged
    out["lag"] = R(lagged, lag=True, recompute=False)
    if tdt.itemsize == 2:
        out["lag strided"] = R(lagged, lag=True, strided=True)
        out["lag 16 warps"] = R(lagged, lag=True, num_warps=16)
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
    base = {}

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=vs[v])

    def check(v):
        for _ in range(5):
            got = call(v)
            for name, a, r in zip(("dx", "dw", "db"), got, ref, strict=True):
                assert_close(a, r, tdt, f"{v} {name}")
            unlagged = R(vs[v], lag=False)
            if vs[v].lag and not unlagged.strided:
                if "dx" not in base:
                    base["dx"] = ln._backward(dy, x, w, mean, rstd, True, tdt, conf=unlagged)[0]
                assert torch.equal(got[0], base["dx"]), f"{v}: dx not bitwise the unlagged"

    print(f"backward {dtype} {n}: " + "; ".join(f"{k} {c}" for k, c in vs.items()), flush=True)
    probe7.run_point("backward", dtype, n, vs, call, check)


if __name__ == "__main__":
    for dtype, n in POINTS:
        if DRY:
            print(dtype, n, variants(dtype, n))
        else:
            backward(dtype, n)
