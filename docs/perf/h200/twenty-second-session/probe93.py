"""Probe 93 (twenty-second session): (A) the committed rules (8301939: pass 1 in one load padded
to 8 chunks for 16-bit exact chunks, equal lanes in the wide rows where pass 1 is one load)
against the previous commit's (ab/kernels_head: ee8cd1a's kernels/, namespace kernels_head::),
through each package's own forward_config; (B) the padded one load offered to the wide 16-bit
rows that still loop (40960-57344: 5-7 chunks of 8192, 32 warps; triples now).

Offline (sm_90, Triton 3.6): the padded points compile to probe 92's variant exactly, the
power-of-two points to ee8cd1a's. Predictions: (A) as probe 92 where it measured (bf16 10240,
fp16 20480, bf16 24576 +5 to +8 points), 6144 (3 chunks, padded to 4; unmeasured) and 12288
within noise, 65536 as probe 91 (+1 to +2 points, fp32 +0.7), fp16 32768 a tie (control);
(B) unknown: one program a SM either way (46 registers now), the loads all issued first.
Method as probes 63-92: M = 4096, 3 interleaved rounds, each variant checked against the
float64 reference first, statistics stored and not.
  PYTHONPATH=.:ab:docs/perf/h200/twenty-first-session \
    python docs/perf/h200/twenty-second-session/probe93.py
"""

from dataclasses import replace

import probe90
import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

M = 4096
POINTS_A = [("bfloat16", 6144), ("float16", 6144), ("float16", 10240), ("bfloat16", 20480),
            ("float16", 24576), ("bfloat16", 12288), ("float16", 65536), ("bfloat16", 65536),
            ("float32", 65536), ("float16", 32768)]
POINTS_B = [("bfloat16", 40960), ("float16", 40960), ("bfloat16", 49152), ("float16", 57344),
            ("bfloat16", 57344)]


def wide(dtype, n):
    import probe7

    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    confs = {"rule": rule, "padded": replace(rule, equal_lanes=True, padded_load=True)}
    fns = {f"{v} {s}": (lambda c=c, s=s: ln._forward(x, w, b, 1e-5, c, stats=s == "stats")[0])
           for v, c in confs.items() for s in ("stats", "infer")}

    def check(v):
        for _ in range(2):
            assert_close(fns[v](), ref, tdt, v)

    print(f"forward {dtype} {n}: {rule}", flush=True)
    probe7.run_point("forward", dtype, n, fns, lambda v: fns[v](), check)
    torch.cuda.empty_cache()


if __name__ == "__main__":
    probe90.PKGS = ("kernels_head", "kernels")
    for dtype, n in POINTS_A:
        probe90.forward(dtype, n)
    for dtype, n in POINTS_B:
        wide(dtype, n)
