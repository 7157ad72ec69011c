"""Probe 66 (seventeenth session): rows a little wider than a block, whole or split, now that a
split row's exchange has no counter or fence (probes 63-65).

Whole rows of a block and a tail (BWD_MAX_TAIL: 8193-12288 columns) and two slices with tails
(BWD_TWO_SLICE_TAILS, H200: 16-bit 16385-20480, fp32 16385-18432) were chosen against split rows
whose exchange cost 0.8-1 us a round (log entries 32, 35-36). Here, at M = 4096 on the new
kernels: the rule against plain 8192-wide slices (fp32 strided, 16-bit contiguous, as the new
rules walk) and, for fp32, 4096-wide slices; fp32 24576 (3 slices) strided or not. Each checked
first (5 calls against the float64 reference), then 3 interleaved rounds (probe7.run_point).
Prediction: the tails stay ahead where a split row would mask a large part of its last slice
(10240, 12288 in 2 x 8192), the two-slice tails tie with 3 slices.
From the repository root, with ab/probe7.py and carry ["ab"]:
PYTHONPATH=.:ab python docs/perf/h200/seventeenth-session/probe66.py
"""

import probe7
import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

M = 4096
probe7.M = M
B = cfg.BackwardConfig


def backward(dtype, n, variants):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    rule = cfg.backward_config(n, tdt, "H200", cfg.max_shared_memory(x.device), tdt.itemsize)
    variants = {"rule": rule, **variants}

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=variants[v])

    def check(v):
        for _ in range(5):
            for name, a, r in zip(("dx", "dw", "db"), call(v), ref, strict=True):
                assert_close(a, r, tdt, f"{v} {name}")

    print(f"backward {dtype} {n}: " + "; ".join(f"{k} {c}" for k, c in variants.items()))
    probe7.run_point("backward", dtype, n, variants, call, check)


def slices(n, width, strided):
    splits = -(-n // width)
    if width == 8192:
        return B(8192, splits, 1, 8, 1, load_stages=3, strided=strided)
    return B(width, splits, 8192 // width, 8, 1, prefetch=True)


if __name__ == "__main__":
    for n in (10240, 12288):
        backward("float32", n, {"2x8192": slices(n, 8192, True), "3x4096": slices(n, 4096, False)})
        backward("bfloat16", n, {"2x8192": slices(n, 8192, False)})
    backward("float32", 18432, {"3x8192": slices(18432, 8192, False)})
    backward("bfloat16", 20480, {"3x8192": slices(20480, 8192, False)})
    backward("float32", 24576, {"strided": slices(24576, 8192, True)})
