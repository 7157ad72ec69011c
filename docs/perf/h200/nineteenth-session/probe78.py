"""Probe 78 (nineteenth session): where else 16-bit forward rows gain from lagged 16384-wide
slices (FWD_LAGGED_SLICES takes 98305-131072 since probe 76).

Probe 76: lagged slices (8 warps) ahead at 7-8 slices (+5 to +14 points of copy) and at 16
(262144: 68.8/69.7-70.1 against 63), a tie at 6, behind at 10-12 (5-12 points). Before a rule
past 131072: every width from 9 to 16 slices, and the lower end (5-6 slices).
Prediction: none (the 10-12 / 16 pattern is not understood).
Variants: the rule; lagged 16384-wide slices, 1-row tiles, 8 warps.
Method as probes 63-77 (probe7.run_point: 3 interleaved rounds, each variant checked first
against the float64 reference), M = 4096. From the repository root, with ab/probe7.py (carry
["ab"]):
  PYTHONPATH=.:ab python docs/perf/h200/nineteenth-session/probe78.py [dtype:N ...]
(With arguments, those points instead: prepared/next-call.sh.)
"""

import sys

import torch

from kernels import config as cfg

M = 4096
POINTS = [("bfloat16", 16384 * s) for s in (9, 11, 13, 14, 15, 16, 5)]
POINTS += [("bfloat16", 90112), ("float16", 16384 * 14), ("float16", 16384 * 9)]
if sys.argv[1:]:
    POINTS = [(a.split(":")[0], int(a.split(":")[1])) for a in sys.argv[1:]]


def forward(dtype, n):
    import probe7

    from kernels import layernorm as ln
    from kernels.bench import harness as h
    from kernels.reference import assert_close, layer_norm_reference

    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    splits = -(-n // 16384)
    vs = {
        "rule": cfg.forward_config(n, tdt, "H200"),
        f"16384 x {splits} lag w8": cfg.ForwardConfig(16384, 1, 1, 8, splits, lag=True),
    }

    def call(v):
        return ln._forward(x, w, b, 1e-5, vs[v], stats=False)

    def check(v):
        for _ in range(3):
            assert_close(call(v)[0], ref, tdt, f"{v} y")

    print(f"forward {dtype} {n}: " + "; ".join(f"{k} {c}" for k, c in vs.items()), flush=True)
    probe7.run_point("forward", dtype, n, vs, call, check)


if __name__ == "__main__":
    for dtype, n in POINTS:
        forward(dtype, n)
        torch.cuda.empty_cache()  # the point's 1-4 GB tensors went with forward's frame
