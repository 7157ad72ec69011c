"""Probe 164 (thirty-fifth session): masked whole rows (N < BLOCK_N, one block a row), their
statistics from two reductions (the rule), one of shifted sums (probe 161's variant 2), or one
of shifted sums with the rule's two as the fallback for tiles that would lose more than 4 bits
to cancellation (variant 3, numerically the rule's where it matters); beside the same rows
streamed in exact chunks (a config, no kernel change: probe 163 found fp32 17408-30720 and
16-bit 25600-31744 whole rows at 70-85% of copy and below torch.compile, where fp32 24576,
streamed, runs 94%). Prediction: at the one-program-a-SM widths (fp32 > 16384, 16-bit > 24576)
variants 2 and 3 +6-17% as in probe 163 and the streamed rows as fast or faster; at narrower
masked rows (several programs a SM) within +-2%. M = 4096, 5 rotated rounds, every output
checked against the float64 reference first. On experiment164.diff:
  git apply docs/perf/h200/thirty-fifth-session/experiment164.diff
  PYTHONPATH=. python docs/perf/h200/thirty-fifth-session/probe164.py"""

from dataclasses import replace

import torch
from side_by_side import time_beside_baselines

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

ROUNDS, EPS, M = 5, 1e-5, 4096
POINTS = [("float32", n) for n in (1536, 3072, 7168, 14336, 17408, 21504, 25600, 28672, 30720)]
POINTS += [("bfloat16", n) for n in (1536, 3072, 7168, 14336, 25600, 28672, 31744)]
POINTS += [("float16", n) for n in (3072, 14336, 28672)]
# Exact chunks for any width with a power-of-two divisor of 1024-4096 (8-16 warps, 32 over
# 16384 columns or where a chunk needs them), pass 2 ahead and streaming stores as the rules.
WARPS = {2: (8, 16), 4: (8, 16)}
ANY_EXACT = cfg.ExactChunkStreaming(0, 1 << 20, 1024, 4096, {2: 32, 4: 32}, WARPS, 16384)


def streamed(n, dtype):
    conf = cfg._exact_chunks(ANY_EXACT, n, dtype.itemsize)
    if conf is None:
        return None
    conf = cfg._pass2_ahead(conf, n, dtype.itemsize, "H200")
    return replace(conf, streaming_store=n * dtype.itemsize > 32768)


def point(dtype_name, n):
    dtype = getattr(torch, dtype_name)
    rule = cfg.fit_forward_tile(cfg.forward_config(n, dtype, "H200"), M, 132, dtype.itemsize)
    assert rule.num_chunks == 1 and rule.splits == 1 and rule.block_n > n, (n, rule)
    inp = h._random_inputs(M, n, dtype_name, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, EPS)

    def variant(conf, stats=0):
        def fn():
            ln.EXP_WHOLE_STATS = stats
            return ln._forward(x, w, b, EPS, conf, stats=False)[0]

        return fn

    fns = {"rule": variant(rule), "shifted": variant(rule, 2), "guarded": variant(rule, 3)}
    chunked = streamed(n, dtype)
    if chunked is not None:
        fns["streamed"] = variant(chunked)
    for name, fn in fns.items():
        assert_close(fn(), ref, dtype, f"{name} {n} {dtype_name}")
    del ref
    tiles = f"{rule.block_m}x{rule.num_warps}w" + (
        f" / {chunked.num_chunks}x{chunked.block_n} {chunked.num_warps}w" if chunked else ""
    )
    time_beside_baselines(fns, M, n, dtype_name, ROUNDS, f"{dtype_name:8s} {n:5d} {tiles:22s} ")
    ln.EXP_WHOLE_STATS = 0


if __name__ == "__main__":
    for p in POINTS:
        point(*p)
