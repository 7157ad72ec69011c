"""Probe 67 (prepared in the seventeenth session, NOT RUN: no device time left).

A. fp32 rows of 16385-18432 columns: the H200 splits them in two slices of 8192 plus a 1024-wide
   tail each (BWD_TWO_SLICE_TAILS, chosen while the exchange had its counter, log entry 36);
   probe 66 found 3 plain slices of 8192 faster at 18432 (87 against 82% of copy). Here 16400,
   16896, 17408 and 18432: the rule against 3 x 8192, contiguous and strided. Prediction: 3
   slices win from about 17408 on, the tails keep 16400 (3 slices there are a third empty).
B. fp32 65536 in 8 slices: contiguous (the rule: BWD_STRIDED_MAX_SPLITS[4] = 4) against strided
   (won by 1.4-1.9 points at 3-4 slices, probes 64 and 66). Prediction: within 1 point.
Method as probes 63-66 (probe7.run_point: 3 interleaved rounds, each variant checked first
against the float64 reference), M = 4096. From the repository root, with ab/probe7.py and carry
["ab"]:
  PYTHONPATH=.:ab python docs/perf/h200/seventeenth-session/prepared/probe67.py
DRY=1 PYTHONPATH=. python <this file> (no GPU, no Triton launch): prints the variants' configs only.
"""

import dataclasses
import os

import torch

from kernels import config as cfg

DRY = bool(os.environ.get("DRY"))
M = 4096
B = cfg.BackwardConfig


def variants(n):
    smem = cfg.DEFAULT_SHARED_MEMORY if DRY else cfg.max_shared_memory(torch.device("cuda"))
    rule = cfg.backward_config(n, torch.float32, "H200", smem, 4)
    out = {"rule": rule, "other walk": dataclasses.replace(rule, strided=not rule.strided)}
    if rule.tail_n:
        slices = B(8192, -(-n // 8192), 1, 8, 1, load_stages=3)
        out = {
            "rule": rule,
            "3x8192": slices,
            "3x8192 strided": dataclasses.replace(slices, strided=True),
        }
    return out


def backward(n):
    import probe7

    from kernels import layernorm as ln
    from kernels.bench import harness as h
    from kernels.reference import assert_close, reference_grads

    probe7.M = M
    inp = h._random_inputs(M, n, "float32", torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    vs = variants(n)

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, torch.float32, conf=vs[v])

    def check(v):
        for _ in range(5):
            for name, a, r in zip(("dx", "dw", "db"), call(v), ref, strict=True):
                assert_close(a, r, torch.float32, f"{v} {name}")

    print(f"backward float32 {n}: " + "; ".join(f"{k} {c}" for k, c in vs.items()), flush=True)
    probe7.run_point("backward", "float32", n, vs, call, check)


if __name__ == "__main__":
    for n in (16400, 16896, 17408, 18432, 65536):
        if DRY:
            print(n, variants(n))
        else:
            backward(n)
