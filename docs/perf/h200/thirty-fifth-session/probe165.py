"""Probe 165 (thirty-fifth session): rows that fill three quarters or more of their whole-row
block without filling it (no streaming rule takes them: FWD_STREAM_EXACT_CHUNKS wants a quarter
or more masked, FWD_STREAM_FULL_BLOCKS none), streamed in exact chunks against the masked
whole row. Probe 164 found them streamed ahead at 16-bit 28672 (7 x 4096: 93% of copy against
72-73%, where the rule is below torch.compile), bf16 25600 (25 x 1024: 80 against 69%), 16-bit
14336 (7 x 2048: +2%) and fp32 28672 (+7%), behind at fp32 14336 (-3%), 7168 (-3%) and with
15-31 chunks elsewhere (-12 to -24%). Two warp counts (A: the exact-chunk rule's, 8/16 for
16-bit, 16/32 for fp32, the wider past 16384 columns; B: twice, to 32), always at least the
16-byte vector's. Prediction: A wins where the chunk is 2048-4096 and there are at most 7-13
chunks, in both 16-bit dtypes and fp32; 1024-wide chunks lose but bf16 25600. M = 4096, 5
rotated rounds, outputs checked first. No kernel change (runs at e440351).
  PYTHONPATH=. python docs/perf/h200/thirty-fifth-session/probe165.py"""

from dataclasses import replace

import torch
from side_by_side import time_beside_baselines

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

ROUNDS, EPS, M = 5, 1e-5, 4096
NEARLY_FULL = (13312, 14336, 15360, 25600, 26624, 27648, 28672, 29696, 30720, 31744)
POINTS = [(d, n) for n in NEARLY_FULL for d in ("bfloat16", "float16")]
POINTS += [("float32", n) for n in (13312, 15360, 26624, 28672, 29696, 30720)]
WARPS = {"A": {2: (8, 16), 4: (16, 32)}, "B": {2: (16, 32), 4: (32, 32)}}


def streamed(n, dtype, warps):
    rule = cfg.ExactChunkStreaming(0, 1 << 20, 1024, 4096, {2: 32, 4: 32}, warps, 16384)
    conf = cfg._exact_chunks(rule, n, dtype.itemsize)
    conf = cfg._pass2_ahead(conf, n, dtype.itemsize, "H200")
    return replace(conf, streaming_store=n * dtype.itemsize > 32768)


def point(dtype_name, n):
    dtype = getattr(torch, dtype_name)
    rule = cfg.fit_forward_tile(cfg.forward_config(n, dtype, "H200"), M, 132, dtype.itemsize)
    assert rule.num_chunks == 1 and rule.splits == 1 and rule.block_n > n, (n, rule)
    inp = h._random_inputs(M, n, dtype_name, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, EPS)
    confs = {"rule": rule} | {k: streamed(n, dtype, v) for k, v in WARPS.items()}
    if confs["A"] == confs["B"]:
        del confs["B"]
    fns = {k: (lambda c=c: ln._forward(x, w, b, EPS, c, stats=False)[0]) for k, c in confs.items()}
    for name, fn in fns.items():
        assert_close(fn(), ref, dtype, f"{name} {n} {dtype_name}")
    del ref
    tiles = " / ".join(f"{c.num_chunks}x{c.block_n} {c.num_warps}w" for c in confs.values())
    time_beside_baselines(fns, M, n, dtype_name, ROUNDS, f"{dtype_name:8s} {n:5d} {tiles:34s} ")


if __name__ == "__main__":
    for p in POINTS:
        point(*p)
