"""Probe 63 (seventeenth session): a fence-free exchange for split rows, against HEAD's counter.

HEAD (924b4ad) swaps a split row's slice sums through an arrival counter: each program stores its
pair, meets its CTA at a barrier, adds 1 to the group's counter with release semantics (which
waits for every store the program has in flight: the dx of the tile before) and spins until the
counter reaches the round's target, then loads every slice's pair (one more L2 round trip).
Log entry 18 (H100) measured what the fences cost: 6-9 points of copy at 16-bit 16384-32768.
The candidate (working tree, committed as 70948ba): each program writes its pair as one 64-bit
relaxed atomic into a slot that starts UNWRITTEN (all bits set); every thread spins on its own
loads of the slots until none is UNWRITTEN (one inline-asm loop, all slots' loads in flight
together) and uses the words it loaded. It waits on the tile's BLOCK_M x SPLITS slots, 2, 4 or
8 a loop. "v1" (call 2's first version, kept as ab/kernels_v1) waited row by row on 8 slots
(the row's slices, the last repeated). No counter, no barrier, no fence; the slots are
refilled by one torch.full per call, as the counter was zeroed. Prediction: +4-9 points of copy
at 16-bit 24576-65536 (exchange; 16384 takes recompute), +2-5 at fp32 16384-65536; forward
fp32 131072 (8 slices) +2-5.
Each point: HEAD's kernels (a copy of the package at ab/kernels_head) and the candidate, with
the rule's config and, at bf16 16384, the exchange instead of recompute; checked first (20
calls each against the float64 reference, and dx/y bitwise equal to HEAD's: the slices are
added in the same order), then 3 interleaved rounds (probe7.run_point, harness timer).
From the repository root, with ab/probe7.py and ab/kernels_head/ and carry ["ab"]:
PYTHONPATH=.:ab python docs/perf/h200/seventeenth-session/probe63.py [bwd] [fwd] [wide]
"""

import dataclasses
import sys

import probe7
import torch
from kernels_head import config as cfg_old
from kernels_head import layernorm as ln_old
from kernels_v1 import layernorm as ln_v1

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference, reference_grads

M = 4096
probe7.M = M
CHECKS = 20


def backward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    smem = cfg.max_shared_memory(x.device)
    rule = cfg.backward_config(n, tdt, "H200", smem, tdt.itemsize)
    old_rule = cfg_old.backward_config(n, tdt, "H200", smem, tdt.itemsize)
    assert dataclasses.asdict(rule) == dataclasses.asdict(old_rule), (rule, old_rule)
    confs = {"rule": rule}
    if rule.recompute:
        confs["exchange"] = dataclasses.replace(rule, recompute=False)
    variants = {}
    for name, conf in confs.items():
        variants[f"head {name}"] = (ln_old, conf)
        if conf.splits <= 8:
            variants[f"v1 {name}"] = (ln_v1, conf)
        variants[f"new {name}"] = (ln, conf)

    def call(v):
        mod, conf = variants[v]
        return mod._backward(dy, x, w, mean, rstd, True, tdt, conf=conf)

    def check(v):
        mod, conf = variants[v]
        head_dx = ln_old._backward(dy, x, w, mean, rstd, True, tdt, conf=conf)[0]
        for _ in range(CHECKS):
            out = call(v)
            for name, a, r in zip(("dx", "dw", "db"), out, ref, strict=True):
                assert_close(a, r, tdt, f"{v} {name}")
            assert torch.equal(out[0], head_dx), f"{v}: dx differs from HEAD's"

    print(f"backward {dtype} {n}: {rule}", flush=True)
    probe7.run_point("backward", dtype, n, variants, call, check)


def forward(dtype, n, conf=None):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    conf = conf or cfg.forward_config(n, tdt, "H200")
    variants = {"head": ln_old, "v1": ln_v1, "new": ln}

    def call(v):
        return variants[v]._forward(x, w, b, 1e-5, conf=conf)[0]

    def check(v):
        head_y = ln_old._forward(x, w, b, 1e-5, conf=conf)[0]
        for _ in range(CHECKS):
            y = call(v)
            assert_close(y, ref, tdt, v)
            assert torch.equal(y, head_y), f"{v}: y differs from HEAD's"

    print(f"forward {dtype} {n}: {conf}", flush=True)
    probe7.run_point("forward", dtype, n, variants, call, check)


if __name__ == "__main__":
    parts = sys.argv[1:] or ["bwd", "fwd", "wide"]
    if "bwd" in parts:
        for dtype, n in [
            ("bfloat16", 16384),
            ("bfloat16", 24576),
            ("bfloat16", 32768),
            ("float16", 32768),
            ("bfloat16", 65536),
            ("float32", 16384),
            ("float32", 24576),
            ("float32", 32768),
            ("float32", 65536),
        ]:
            backward(dtype, n)
    if "wide" in parts:
        for dtype, n in [("bfloat16", 131072), ("float32", 131072)]:
            backward(dtype, n)
    if "fwd" in parts:
        forward("float32", 131072)
        forward("float32", 65536, cfg.ForwardConfig(8192, 1, 1, 8, splits=8))
