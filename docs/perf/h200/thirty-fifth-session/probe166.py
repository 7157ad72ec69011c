"""Probe 166 (thirty-fifth session, after FWD_STREAM_NEARLY_FULL): the rows it streams, timed
by the config the rules now give (the public API checked to run it) beside the masked whole
rows the rules gave before (the table emptied), torch.compile and the copy. M = 4096, 5 rotated
rounds, every output checked against the float64 reference first. Prediction (probe 165):
16-bit 28672 +25-28%, 26624 +20%, 30720 +10-12%, 14336 +6%, fp32 28672 +7%.
  PYTHONPATH=. python docs/perf/h200/thirty-fifth-session/probe166.py"""

import torch
from side_by_side import time_beside_baselines

import kernels
from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

ROUNDS, EPS, M = 5, 1e-5, 4096
POINTS = [(d, n) for n in (14336, 26624, 28672, 30720) for d in ("bfloat16", "float16")]
POINTS += [("float32", 28672)]


def rule(n, dtype, on, table=cfg.FWD_STREAM_NEARLY_FULL):
    """The forward's fitted config with or without ``table``'s entries (a config table)."""
    saved = dict(table)
    if not on:
        table.clear()
    cfg.forward_config.cache_clear()
    try:
        conf = cfg.forward_config(n, dtype, "H200")
    finally:
        table.update(saved)
        cfg.forward_config.cache_clear()
    return cfg.fit_forward_tile(conf, M, 132, dtype.itemsize)


def point(dtype_name, n, table=cfg.FWD_STREAM_NEARLY_FULL, new="nearly_full"):
    dtype = getattr(torch, dtype_name)
    inp = h._random_inputs(M, n, dtype_name, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, EPS)
    confs = {new: rule(n, dtype, True, table), "whole": rule(n, dtype, False, table)}
    assert confs[new] != confs["whole"] and confs["whole"].num_chunks == 1, confs
    fns = {k: (lambda c=c: ln._forward(x, w, b, EPS, c, stats=False)[0]) for k, c in confs.items()}
    for name, fn in fns.items():
        assert_close(fn(), ref, dtype, f"{name} {n} {dtype_name}")
    # The public API runs the new rule.
    assert torch.equal(kernels.layer_norm(x, (n,), w, b, EPS), fns[new]())
    del ref
    c = confs[new]
    label = f"{dtype_name:8s} {n:5d} {c.splits * c.num_chunks}x{c.block_n} {c.num_warps}w  "
    gain = lambda res: f"  gain {res['whole'] / res[new] - 1:+.1%}"  # noqa: E731
    time_beside_baselines(fns, M, n, dtype_name, ROUNDS, label, gain)


if __name__ == "__main__":
    for p in POINTS:
        point(*p)
