"""Probe 133 (twenty-eighth session; prepared, NOT RUN: the session's device time ran out):
pass 2 with only the next chunk's x ahead (ForwardConfig.params_ahead=False, in
x-ahead.diff), where the whole ahead load (x, weight, bias) lost for registers.

Entry 68: loading chunk c + 1's x, weight and bias before storing chunk c won at fp32
5120-11264 and 16-bit 57344-73728, and lost where it took the programs over their register
budget: fp32 16384-24576 (4096-wide chunks, 32 warps) 32 -> 42 registers, 2 programs a SM -> 1
(-5 to -13%), bf16 49152 32 -> 46 (-18%), bf16 32768-40960 spills 8-16 bytes (-5 to -9%).
Offline (Triton 3.6, sm_90, this diff), x alone ahead keeps fp32 16384-24576 and bf16 40960 at
32 registers with no spills, and still issues the next chunk's x load before each store (the
weight and bias, L2/L1 hits, after it). Predicted: +1-4% at fp32 16384-24576 and bf16 40960;
within 1% of the whole ahead load where that won (it hides less). Variants: the rule, x ahead,
x + weight + bias ahead; 6 rotated rounds with the copy; every variant checked against the
float64 reference first. M = 4096, inference.
  git apply docs/perf/h200/twenty-eighth-session/prepared/x-ahead.diff
  PYTHONPATH=. python docs/perf/h200/twenty-eighth-session/prepared/probe133.py [dtype:N ...]
"""

import sys
from dataclasses import replace

import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

CUDA = torch.cuda.is_available()
M = 4096 if CUDA else 4
ROUNDS = 6
POINTS = [
    ("float32", 5120),
    ("float32", 10240),
    ("float32", 12288),
    ("float32", 16384),
    ("float32", 20480),
    ("float32", 24576),
    ("float32", 65536),
    ("bfloat16", 5120),
    ("bfloat16", 16384),
    ("float16", 16384),
    ("bfloat16", 20480),
    ("bfloat16", 32768),
    ("bfloat16", 40960),
    ("bfloat16", 49152),
    ("bfloat16", 65536),
    ("bfloat16", 73728),
]


def point(dtype, n):
    dev = torch.device("cuda" if CUDA else "cpu")
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, dev)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    confs = {
        "rule" + (" (ahead)" if rule.pass2_ahead else ""): rule,
        "x ahead": replace(rule, pass2_ahead=True, params_ahead=False),
        "x, weight, bias ahead": replace(rule, pass2_ahead=True, params_ahead=True),
    }
    fns = {v: (lambda c=c: ln._forward(x, w, b, 1e-5, c, stats=False)[0]) for v, c in confs.items()}
    for v, f in fns.items():
        assert_close(f(), ref, tdt, f"{dtype} {n} {v}")
    if not CUDA:
        print(f"{dtype} {n}: {len(fns)} variants checked on the interpreter")
        return
    fns["copy"] = h._copy_case("forward", M, n, dtype, dev).fn
    res = {v: [t * 1e3 for t in ts] for v, ts in h.rotated_rounds(fns, ROUNDS).items()}
    nbytes = h.bytes_moved("forward", M, n, dtype)
    shape = f"{rule.block_n}x{rule.num_chunks} {rule.num_warps}w"
    for v, ts in res.items():
        pct = [c / t * 100 for c, t in zip(res["copy"], ts, strict=True)]
        print(
            f"{dtype:8s} {n:5d} {shape:12s} {v:24s} {min(ts):7.2f}-{max(ts):7.2f} us "
            f"{nbytes / min(ts) / 1e3:5.0f} GB/s  {min(pct):5.1f}-{max(pct):5.1f}% of copy",
            flush=True,
        )
    del fns
    torch.cuda.empty_cache()


if __name__ == "__main__":
    if CUDA:
        print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    points = [(a.split(":")[0], int(a.split(":")[1])) for a in sys.argv[1:]] or POINTS
    for dtype, n in points if CUDA else points[:1]:
        point(dtype, n)
