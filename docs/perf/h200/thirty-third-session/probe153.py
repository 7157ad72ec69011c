"""Probe 153 (thirty-third session): the fp32 forward behind torch.compile with many rows
(probe 151: 0.965-0.99x at 65536 x 1024-8192, 0.98-0.995x at 16384 x 4096-8192, where
torch.compile runs 101-102% of the copy). The table's tiles were measured at M = 4096: one row
a program at 4096 and 8192 columns (weight and bias loaded by every program), 8 rows of 4 warps
at 1024. With many rows, wider tiles share each program's weight and bias loads over more rows.
Variants (ForwardConfig.block_m x num_warps) against the rule, torch.compile and the copy, at
M = 16384 and 65536, 5 rotated rounds, every output checked against the float64 reference.
Prediction: 2-row tiles +1-3% at 4096-8192 with 65536 rows, less at 16384; 1024 in 16 rows
within 1%.
Probe 154 (call 6) re-runs it at other rows and tiles: probe153.py --rows 4096 8192 65536
--ns 4096 --tiles 1x16 2x16 (tiles as rows x warps, replacing TILES at every N).
  PYTHONPATH=. python docs/perf/h200/thirty-third-session/probe153.py"""

import argparse
from dataclasses import replace

import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

ROUNDS, EPS = 5, 1e-5
TILES = {1024: [(16, 4), (16, 8), (32, 8)], 4096: [(2, 8), (2, 16), (4, 16)], 8192: [(2, 16)]}


def point(m, n):
    inp = h._random_inputs(m, n, "float32", torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, EPS)
    rule = cfg.fit_forward_tile(cfg.forward_config(n, torch.float32, "H200"), m, 132, 4)
    confs = {"rule": rule} | {
        f"{bm}x{nw}w": replace(rule, block_m=bm, num_warps=nw) for bm, nw in TILES[n]
    }
    fns = {}
    for name, conf in confs.items():
        fn = lambda conf=conf: ln._forward(x, w, b, EPS, conf, stats=False)[0]  # noqa: E731
        assert_close(fn(), ref, torch.float32, f"{name} {m}x{n}")
        fns[name] = fn
    fns["torch_compile"] = h.prepare("torch_compile", "forward", m, n, "float32").fn
    fns["copy"] = h.prepare("copy", "forward", m, n, "float32").fn
    del ref
    gb = h.bytes_moved("forward", m, n, "float32") / 1e6
    rounds = h.rotated_rounds(fns, ROUNDS)
    res = {k: sorted(v)[ROUNDS // 2] for k, v in rounds.items()}
    cells = "  ".join(
        f"{k} {res[k] * 1e3:7.2f} us ({min(rounds[k]) * 1e3:.2f}-{max(rounds[k]) * 1e3:.2f})"
        f" {gb / res[k]:5.0f} GB/s {res['copy'] / res[k]:.1%}"
        for k in res
    )
    print(f"fp32 {m:6d} x {n:5d}  {cells}", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[65536, 16384])
    parser.add_argument("--ns", type=int, nargs="+", default=[4096, 8192, 1024])
    parser.add_argument("--tiles", nargs="+", help="rows x warps, e.g. 2x16")
    args = parser.parse_args()
    if args.tiles:
        tiles = [tuple(map(int, t.split("x"))) for t in args.tiles]
        TILES = dict.fromkeys(args.ns, tiles)
    for m in args.rows:
        for n in args.ns:
            point(m, n)
            torch.cuda.empty_cache()
