"""Probe 56 (prepared in the fifteenth session, NOT RUN; no device time was left).

A. Weight and bias loaded evict_last, as inductor's short-row kernel does
   (../probe54-inductor-kernel.txt), with evict-last.diff applied by the call script: the
   forward at M = 4096, N = 256-1024, every dtype, the table's config against torch.compile in
   the same process (N = 256 and 512, fp32 and bf16: torch.compile compiles each shape, so
   few points). Run once at HEAD and once with the diff (next-call.sh does both, twice,
   alternating); compare triton / torch.compile between the runs. Prediction: a tie (+-1%):
   every program reads the same 0.5-4 KB of parameters, L2 hits either way; so the 1-11% gap
   to torch.compile at 256-512 is elsewhere (instruction count).
B. Forward tiles for M = 512-2048 (the fit's open points, log entry 41: 16-bit 256 at M =
   512-1024 2-4% behind the table's 16-row tile; fp32 1024 at M = 1024-2048 faster with 1-row
   tiles than with the table's 8 rows, which the fit keeps there): rows 1-16 x warps 2, 4, 8,
   the table's tile and the fit, at M = 512, 1024, 2048 for N = 256, 512, 1024, 2048, bf16 and
   fp32. Prediction: the best tile holds about 4-16 KB of reads and writes per program at
   these M; a rule in bytes per program, not rows, would fit both open points.
Same method as probes 52-55 (probe7.run_point: 3 interleaved rounds, each variant checked
first). From the repository root, with ab/probe7.py and carry ["ab"]:
PYTHONPATH=.:ab:docs/perf/h200/fifteenth-session python <this file> [A] [B]
DRY=1 TRITON_INTERPRET=1 (no GPU): checks every variant on the interpreter, times none."""

import sys

import torch
from probe53 import DRY, forward_tiles

if __name__ == "__main__":
    parts = sys.argv[1:] or ["A", "B"]
    print(torch.__version__, flush=True)
    if not DRY:
        print(torch.cuda.get_device_name(), flush=True)
        torch._dynamo.config.recompile_limit = 1000
    if "A" in parts:
        for n in (256, 512):  # torch.compile compiles each shape: few points, or no time
            for dtype in ("float32", "bfloat16"):
                forward_tiles(dtype, 4096, n, [], with_compile=True)
    if "B" in parts:
        grid = [(r, w) for r in (1, 2, 4, 8, 16) for w in (2, 4, 8)]
        for m in (512, 1024, 2048):
            for n in (256, 512, 1024, 2048):
                for dtype in ("bfloat16", "float32"):
                    forward_tiles(dtype, m, n, [(r, w) for r, w in grid if r * n <= 8192])
