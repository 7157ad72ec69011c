"""Probe 94 (twenty-second session): the backward's row loop with fewer instructions. Variant
packages made by bwd_variants.py from 8301939's kernels/ (ab/kernels_<name>, namespace renamed;
valid only where every row tile is full and walked strided, as at every point here: M = 4096,
128 groups of 32 rows, whole rows of one block):
  d       the row sums' means as a multiplication by 1/BLOCK_N (exact when N == BLOCK_N)
  bfd     + masks constant (all true), as a FULL_TILES constexpr would make them
  bfde2   + bf16 pairs to fp32 by inline PTX (one shl, one and)
  bfde2p  + the row tiles' 64-bit offsets carried across iterations
Offline (sm_90, Triton 3.6, bwd-sass.txt), loop instructions an element: bf16 4096 22.2 (base)
-> 20.6 (d) -> 19.5 (bfd) -> 18.5 (bfde2) -> 16.75 (bfde2p); fp32 4096 23.8 -> 22.2 -> 20.2 ->
20.2 -> 17.7. Prediction: if the 16-bit backward (73-83% of copy at 4096-8192) is bound by the
SMs' issue with one 8-warp program a SM, bfde2p gains 3-8 points there; fp32 (86-92%) less.
Method as probes 63-93: 3 interleaved rounds, each variant checked against the float64
reference (dx, dw, db) first; bytes 3*M*N*s + 3*N*s + 8*M.
  PYTHONPATH=.:ab python docs/perf/h200/twenty-second-session/probe94.py
"""

import importlib

import probe7
import torch

from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

M = 4096
PKGS = ("kernels", "kernels_d", "kernels_bfd", "kernels_bfde2", "kernels_bfde2p")
POINTS = [("bfloat16", 4096), ("float16", 4096), ("bfloat16", 8192), ("float16", 8192),
          ("bfloat16", 2048), ("bfloat16", 1024), ("float32", 4096), ("float32", 8192)]


def backward(dtype, n):
    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    mods = {p: importlib.import_module(p + ".layernorm") for p in PKGS}

    def call(v):
        return mods[v]._backward(dy, x, w, mean, rstd, True, tdt)

    def check(v):
        for _ in range(3):
            for name, a, r in zip(("dx", "dw", "db"), call(v), ref, strict=True):
                assert_close(a, r, tdt, f"{v} {name}")

    print(f"backward {dtype} {n}", flush=True)
    probe7.run_point("backward", dtype, n, PKGS, call, check)
    torch.cuda.empty_cache()


if __name__ == "__main__":
    for dtype, n in POINTS:
        backward(dtype, n)
