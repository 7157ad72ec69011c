"""Probe 43 (thirteenth session): rows just outside the exact-chunk rules, now that the lanes
can be counted once (probes 41-42): fp32 11264 and 22528 in 11 chunks (the rule stops fp32 at
10), fp32 57344 in 7 chunks of 8192 and 81920 in 5 of 16384 (carried counts; the wide rule
stops at 5 chunks and 65536), 16-bit 73728 in 9 chunks of 8192; and bf16/fp16 57344, where
counted once with 32 warps lost 5 points at bf16 (probe 42), with the counts carried at 32
warps. Prediction: fp32 11 chunks within 2 points of the rule (probe 34's fp32 11264 lost, but
with per-chunk warps); fp32 57344/81920 near 65536's 84% (now 71% and split); 73728 near
65536's 77-80%. Same method as probe 42 (its forward()); run from the repository root:
PYTHONPATH=.:ab:docs/perf/h200/thirteenth-session python docs/perf/h200/thirteenth-session/probe43.py"""

import torch

from kernels import config as cfg
from kernels.bench import harness as h
from probe42 import carried, forward, once


def rule(n, dtype):
    return cfg.forward_config(n, h.torch_dtype(dtype), "H200")


POINTS = [
    (("float32",), 11264, {"once 1024 w16": once(1024, 11264, 16)}),
    (("float32",), 22528, {"once 2048 w32": once(2048, 22528, 32)}),
    (("float32",), 57344, {"carried 8192 w32": carried(8192, 57344, 32)}),
    (("float32",), 81920, {"carried 16384 w32": carried(16384, 81920, 32)}),
    (("bfloat16", "float16"), 73728, {"once 8192 w32": once(8192, 73728, 32)}),
    (("bfloat16", "float16"), 57344, {
        "carried 8192 w32": carried(8192, 57344, 32), "carried 8192 w16": carried(8192, 57344, 16)}),
]

if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for dtypes, n, vs in POINTS:
        for dtype in dtypes:
            print(f"  {dtype} {n} rule: {rule(n, dtype)}", flush=True)
            forward(dtype, n, {"rule": rule(n, dtype), **vs})
