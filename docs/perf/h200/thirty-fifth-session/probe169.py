"""Probe 169 (prepared in the thirty-fifth session, not run): the whole-row statistics in one
exact reduction. Entry 88: one reduction of shifted sums took 5-17% off the masked rows of one
32-warp program a SM, but fails rows whose first value is far from their mean, and a guarded
form lost everywhere. Variant 3 of experiment169.diff loads the row as an (R, threads x vector)
tile (the load's own layout), so that each thread sums the elements it holds in registers: its
exact two-pass mean and M2 (of x minus the row's first value), then one cross-thread reduction
of (mean, M2, count) triples by Chan's merge: 2 barriers like shifted sums, no layout
conversion, 16-48 bytes of stack (compile169.txt); on the interpreter its error on a row whose
first value is 1e4 in N(0, 1) is 1e-5-2e-5 (the rule's 1e-6, shifted sums' 1e-3-1e-2) and on
1e4 + N(0, 1) rows 4e-7-2e-6 (the rule's 8e-4-3e-3). Per point: the rule now, the masked whole
row as the rules gave it before this session (two reductions), and variants 2 and 3 on that
whole row, beside torch.compile and the copy; 5 rotated rounds, outputs checked first.
Prediction: variant 3 within 2% of variant 2 at the one-program-a-SM rows (fp32 25600-32768,
16-bit 25600-31744; +5-15% over the two reductions) and, split or streamed, ahead of the rule at
fp32 17408-23552 and 16-bit 28672; level or behind at the 1-row whole rows of several programs
a SM (fp32 4096-8192, bf16 4096-8192), as the other one-reduction forms were (entry 86).
  git apply docs/perf/h200/thirty-fifth-session/experiment169.diff
  PYTHONPATH=. python docs/perf/h200/thirty-fifth-session/probe169.py"""

import torch
from side_by_side import time_beside_baselines

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

ROUNDS, EPS, M = 5, 1e-5, 4096
POINTS = [("float32", n) for n in (17408, 21504, 25600, 26624, 29696, 30720, 32768)]
POINTS += [(d, n) for n in (25600, 28672, 29696, 31744) for d in ("bfloat16", "float16")]
POINTS += [(d, n) for n in (4096, 8192) for d in ("float32", "bfloat16")]


def configs(n, dtype):
    """The rule now, and the whole row the rules gave before this session's two tables."""
    rule = cfg.forward_config(n, dtype, "H200")
    saved = dict(cfg.FWD_SPLIT_PADDED_ROWS), dict(cfg.FWD_STREAM_NEARLY_FULL)
    cfg.FWD_SPLIT_PADDED_ROWS.clear()
    cfg.FWD_STREAM_NEARLY_FULL.clear()
    cfg.forward_config.cache_clear()
    try:
        whole = cfg.forward_config(n, dtype, "H200")
    finally:
        cfg.FWD_SPLIT_PADDED_ROWS.update(saved[0])
        cfg.FWD_STREAM_NEARLY_FULL.update(saved[1])
        cfg.forward_config.cache_clear()
    fit = [cfg.fit_forward_tile(c, M, 132, dtype.itemsize) for c in (rule, whole)]
    assert fit[1].num_chunks == 1 and fit[1].splits == 1 and fit[1].block_m == 1, fit[1]
    return fit


def point(dtype_name, n):
    dtype = getattr(torch, dtype_name)
    inp = h._random_inputs(M, n, dtype_name, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, EPS)
    rule, whole = configs(n, dtype)
    ln.EXP_STATS_VEC = 16 // dtype.itemsize

    def variant(conf, stats=0):
        def fn():
            ln.EXP_WHOLE_STATS = stats
            return ln._forward(x, w, b, EPS, conf, stats=False)[0]

        return fn

    fns = {"rule": variant(rule)} if rule != whole else {}
    fns |= {"whole": variant(whole), "shifted": variant(whole, 2), "chan": variant(whole, 3)}
    for name, fn in fns.items():
        assert_close(fn(), ref, dtype, f"{name} {n} {dtype_name}")
    del ref
    label = f"{dtype_name:8s} {n:5d} {whole.block_n}x{whole.num_warps}w  "
    time_beside_baselines(fns, M, n, dtype_name, ROUNDS, label)
    ln.EXP_WHOLE_STATS = 0


if __name__ == "__main__":
    for p in POINTS:
        point(*p)
