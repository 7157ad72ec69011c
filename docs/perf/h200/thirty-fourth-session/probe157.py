"""Probe 157: the fp32 forward's whole rows against streamed ones where torch.compile leads
(calls 1-2: inductor's looped reduction, triton_red_*, beats ours by 2-3.5% and the copy by
1-1.5% at 65536 x 4096-8192). Our streamed rows (pass 1 per-lane statistics, pass 2 re-reading
the row from L2) with inductor-like chunks (1024-2048 columns, few warps, one row a program)
against the rule, torch.compile and the copy; 5 rotated rounds, every output checked against
the float64 reference. Variants: CHUNKxWARPS[a] (a: pass2_ahead), flags as the 10240 rule.
Prediction: a streamed 2048-chunk variant within 1% of torch.compile at 65536 rows; at 4096
rows the whole row stays ahead (entry 70).
  PYTHONPATH=. python docs/perf/h200/thirty-fourth-session/probe157.py [--rows ..] [--ns ..]"""

import argparse
from dataclasses import replace

import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

ROUNDS, EPS = 5, 1e-5
VARIANTS = ["2048x4", "2048x8", "2048x8a", "1024x4", "1024x4a", "1024x8a"]


def streamed(n, spec):
    ahead = spec.endswith("a")
    chunk, warps = (int(v) for v in spec.rstrip("a").split("x"))
    flags = cfg.forward_config(10240, torch.float32, "H200")  # a streamed rule's flags
    return replace(flags, block_n=chunk, num_chunks=n // chunk, num_warps=warps, pass2_ahead=ahead)


def point(m, n, variants):
    inp = h._random_inputs(m, n, "float32", torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, EPS)
    rule = cfg.fit_forward_tile(cfg.forward_config(n, torch.float32, "H200"), m, 132, 4)
    confs = {"rule": rule}
    confs |= {v: streamed(n, v) for v in variants if int(v.split("x")[0]) < n}
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
    print(f"fp32 {m:6d} x {n:5d}", flush=True)
    for k in res:
        print(
            f"    {k:14s} {res[k] * 1e3:8.2f} us ({min(rounds[k]) * 1e3:.2f}-"
            f"{max(rounds[k]) * 1e3:.2f}) {gb / res[k]:5.0f} GB/s {res['copy'] / res[k]:6.1%}"
            f"  {res['torch_compile'] / res[k]:.3f}x compile",
            flush=True,
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[65536, 4096])
    parser.add_argument("--ns", type=int, nargs="+", default=[4096, 8192])
    parser.add_argument("--variants", nargs="+", default=VARIANTS)
    args = parser.parse_args()
    for m in args.rows:
        for n in args.ns:
            point(m, n, args.variants)
