"""Probe 64 (seventeenth session): the rules' choices around split rows, now that their exchange
has no counter or fence (probe 63: split backward +7 to +17 points of copy, split forward +13).

The tables were measured with the counter's 0.8-1 us a round: rows split only where nothing
else fitted, recompute at bf16 16384, 4096-wide slices with the register prefetch at fp32
16384, groups of 4+ not strided (entry 41), the forward split only at fp32 >= 131072 (16-bit
split rows lost: entry 23). Variants at M = 4096, each checked first (5 calls against the float64
reference), then 3 interleaved rounds (probe7.run_point, harness timer):
  backward fp32 16384: the rule (4 x 4096, prefetch, 2-row tiles) against 2 x 8192 pipelined,
    strided or not; bf16 16384: recompute (rule) against the exchange, strided or not;
    bf16/fp32 24576-32768 and bf16 65536: the rule (not strided) against strided, and 16 warps;
  forward fp32/bf16 32768 and 65536: the rule (whole row or streamed chunks) against rows split
    in 2-8 slices of 8192-32768 with 8-32 warps.
Prediction: the backward's 2 x 8192 beats 4 x 4096 at fp32 16384 (+3-8); strided ties; the
forward split reaches 85-90% at 65536 (rule: fp32 83%, 16-bit 77-80%) and ties at 32768.
From the repository root, with ab/probe7.py and carry ["ab"]:
PYTHONPATH=.:ab python docs/perf/h200/seventeenth-session/probe64.py [bwd] [fwd]
"""

import dataclasses
import sys

import probe7
import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference, reference_grads

M = 4096
probe7.M = M
R = dataclasses.replace
B = cfg.BackwardConfig
Fc = cfg.ForwardConfig


def backward(dtype, n, extra):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    rule = cfg.backward_config(n, tdt, "H200", cfg.max_shared_memory(x.device), tdt.itemsize)
    variants = {"rule": rule, **extra(rule)}

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=variants[v])

    def check(v):
        for _ in range(5):
            for name, a, r in zip(("dx", "dw", "db"), call(v), ref, strict=True):
                assert_close(a, r, tdt, f"{v} {name}")

    print(
        f"backward {dtype} {n}: " + "; ".join(f"{k} {c}" for k, c in variants.items()), flush=True
    )
    probe7.run_point("backward", dtype, n, variants, call, check)


def forward(dtype, n, extra):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    variants = {"rule": cfg.forward_config(n, tdt, "H200"), **extra}

    def call(v):
        return ln._forward(x, w, b, 1e-5, conf=variants[v])[0]

    def check(v):
        for _ in range(5):
            assert_close(call(v), ref, tdt, v)

    print(f"forward {dtype} {n}: " + "; ".join(f"{k} {c}" for k, c in variants.items()), flush=True)
    probe7.run_point("forward", dtype, n, variants, call, check)


def split_forward(n, slices, warps):
    return {f"{n // s}x{s} w{w}": Fc(n // s, 1, 1, w, splits=s) for s in slices for w in warps}


if __name__ == "__main__":
    parts = sys.argv[1:] or ["bwd", "fwd"]
    if "bwd" in parts:
        halves = B(8192, 2, 1, 8, 1, load_stages=3)
        backward(
            "float32",
            16384,
            lambda r: {"2x8192": halves, "2x8192 strided": R(halves, strided=True)},
        )
        backward(
            "bfloat16",
            16384,
            lambda r: {
                "exchange": R(r, recompute=False),
                "exchange contiguous": R(r, recompute=False, strided=False),
            },
        )
        for dtype, n in [
            ("bfloat16", 24576),
            ("bfloat16", 32768),
            ("float32", 32768),
            ("bfloat16", 65536),
        ]:
            backward(dtype, n, lambda r: {"strided": R(r, strided=True), "w16": R(r, num_warps=16)})
    if "fwd" in parts:
        forward("float32", 32768, split_forward(32768, (2, 4), (8, 16)))
        forward("bfloat16", 32768, split_forward(32768, (2, 4), (8, 16)))
        forward("float32", 65536, split_forward(65536, (4, 8), (8, 16)))
        forward(
            "bfloat16",
            65536,
            {**split_forward(65536, (4, 8), (8, 16)), **split_forward(65536, (2,), (16, 32))},
        )
