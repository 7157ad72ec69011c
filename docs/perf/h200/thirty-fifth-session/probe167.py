"""Probe 167 (thirty-fifth session): the masked whole rows still left at one 32-warp program a
SM (fp32 17408-31744 but 28672, 16-bit 25600-31744 in 1024-chunk widths: 70-86% of copy, fp32
25600-26624 at 0.91x torch.compile; probes 163-165), split over a group of programs instead
(the fp32 split rows' kernel, as past 32768: each program a slice in registers, the group
exchanging slice statistics), so that two or more programs share a SM. Variants: 8192-wide
slices in 2-row tiles of 8 warps (FWD_SLICE's form), in 1-row tiles, 16384-wide slices (2 a
row) of 16 warps, and 16-bit 16384-wide slices of 8 warps lagged (FWD_LAGGED_SLICES' form).
Prediction: +5-15% where a row's last slice is mostly full, less where it is mostly masked
(fp32 17408: 3 slices of 8192, the last 1024 wide). M = 4096, 5 rotated rounds, outputs checked.
  PYTHONPATH=. python docs/perf/h200/thirty-fifth-session/probe167.py
With the argument "confirm" (call 7): the fp32 points and 19456, 23552 only, 7 rounds.
  PYTHONPATH=. python docs/perf/h200/thirty-fifth-session/probe167.py confirm"""

import sys

import torch
import triton
from side_by_side import time_beside_baselines

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

ROUNDS, EPS, M = 5, 1e-5, 4096
POINTS = [("float32", n) for n in (17408, 21504, 25600, 26624, 30720)]
POINTS += [(d, n) for n in (25600, 29696) for d in ("bfloat16", "float16")]


def variants(n, dtype):
    rule = cfg.fit_forward_tile(cfg.forward_config(n, dtype, "H200"), M, 132, dtype.itemsize)
    assert rule.num_chunks == 1 and rule.splits == 1 and rule.block_n > n, (n, rule)
    s8, s16 = triton.cdiv(n, 8192), triton.cdiv(n, 16384)
    confs = {
        "rule": rule,
        "8k_2rows": cfg.ForwardConfig(8192, 1, 2, 8, s8),
        "8k_1row": cfg.ForwardConfig(8192, 1, 1, 8, s8),
        "16k": cfg.ForwardConfig(16384, 1, 1, 16, s16),
    }
    if dtype.itemsize == 2:
        confs["16k_lagged"] = cfg.ForwardConfig(16384, 1, 1, 8, s16, lag=True)
    return confs


def point(dtype_name, n):
    dtype = getattr(torch, dtype_name)
    inp = h._random_inputs(M, n, dtype_name, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, EPS)
    confs = variants(n, dtype)
    fns = {k: (lambda c=c: ln._forward(x, w, b, EPS, c, stats=False)[0]) for k, c in confs.items()}
    for name, fn in fns.items():
        assert_close(fn(), ref, dtype, f"{name} {n} {dtype_name}")
    del ref
    time_beside_baselines(fns, M, n, dtype_name, ROUNDS, f"{dtype_name:8s} {n:5d}  ")


if __name__ == "__main__":
    if sys.argv[1:] == ["confirm"]:
        ROUNDS = 7
        POINTS = sorted(
            [p for p in POINTS if p[0] == "float32"] + [("float32", 19456), ("float32", 23552)]
        )
    for p in POINTS:
        point(*p)
