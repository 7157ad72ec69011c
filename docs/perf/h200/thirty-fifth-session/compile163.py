"""Offline (Triton 3.6, sm_90, no GPU): probe 163's points, the whole rows of one program a SM
(1 row, 32 warps: 1024 threads, so at most 64 registers a thread), masked (N < BLOCK_N) and
not, with their statistics from two reductions (0, the rule), Welford triples (1) or shifted
sums (2): registers, spills (STACK, LOCAL), SASS instructions and barriers (compile163.txt).
  git apply docs/perf/h200/thirty-fourth-session/prepared/experiment161.diff
  PYTHONPATH=. /work/venv36/bin/python docs/perf/h200/thirty-fifth-session/compile163.py"""

import os
import sys

import torch

sys.path.insert(
    0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../thirty-fourth-session/prepared")
)
from compile161 import T, compile_forward  # noqa: E402

POINTS = [(torch.float32, n, 4096) for n in (17408, 25600, 30720, 32768)]
POINTS += [(torch.bfloat16, n, 4096) for n in (25600, 28672)]

if __name__ == "__main__":
    for dtype, n, m in POINTS:
        for stats in (0, 1, 2):
            print(T[dtype], n, "M", m, "WHOLE_STATS", stats, compile_forward(dtype, n, m, stats))
