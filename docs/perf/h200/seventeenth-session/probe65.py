"""Probe 65 (seventeenth session): the revised split-row rules across the widths they cover.

Probe 64 (fence-free exchange) measured at N = 16384: fp32 in 2 slices of 8192, strided, 92% of
copy against 76% for the rule's 4 slices of 4096; bf16 swapping its sums with contiguous row
tiles 74% against 66% for recompute (and 67% strided); 16-bit strided lost at 3-8 slices too.
The rules now (config: BWD_MAX_SPLITS slices of BWD_MAX_BLOCK, BWD_STRIDED_MAX_SPLITS by size,
no H200 recompute) give fp32 12289-16384 two 8192-wide slices, strided; 16-bit split rows
contiguous row tiles (also the two-slice tails at 16385-20480, which were strided) and no
recompute at 12289-16384. Here, on the new kernels, each width's old rule (HEAD's
config, ab/kernels_head) against the new one, plus the other walk; each checked first (5 calls
against the float64 reference), then 3 interleaved rounds (probe7.run_point, harness timer).
Prediction: the new rule at or above the old at every width (+5-16 points at 12289-16384).
From the repository root, with ab/probe7.py and ab/kernels_head/ and carry ["ab"]:
PYTHONPATH=.:ab python docs/perf/h200/seventeenth-session/probe65.py
"""

import dataclasses

import probe7
import torch
from kernels_head import config as cfg_old

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

M = 4096
probe7.M = M


def backward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    smem = cfg.max_shared_memory(x.device)
    new = cfg.backward_config(n, tdt, "H200", smem, tdt.itemsize)
    old = cfg_old.backward_config(n, tdt, "H200", smem, tdt.itemsize)
    old = cfg.BackwardConfig(**dataclasses.asdict(old))
    variants = {"old rule": old, "new rule": new}
    if not new.prefetch:
        variants["new, other walk"] = dataclasses.replace(new, strided=not new.strided)

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=variants[v])

    def check(v):
        for _ in range(5):
            for name, a, r in zip(("dx", "dw", "db"), call(v), ref, strict=True):
                assert_close(a, r, tdt, f"{v} {name}")

    print(f"backward {dtype} {n}: old {old}; new {new}", flush=True)
    probe7.run_point("backward", dtype, n, variants, call, check)


if __name__ == "__main__":
    for n in (12800, 13312, 14336, 15360, 16384):
        backward("float32", n)
    for n in (13312, 14336, 15360, 16384, 18432, 20480):
        backward("bfloat16", n)
    backward("float16", 16384)
    backward("float16", 20480)
