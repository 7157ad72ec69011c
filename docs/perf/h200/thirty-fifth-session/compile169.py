"""Offline (Triton 3.6, sm_90, no GPU), on experiment169.diff: the one-program-a-SM whole rows
(1 row, 32 warps, as the rules gave them before the thirty-fifth session) with their statistics
from the rule's two reductions (0), shifted sums (2) or, variant 3, the row as an (R, threads x
vector) tile whose threads each take the two-pass mean and M2 of the elements they hold, merged
across threads once (Chan): registers, spills, SASS instructions and barriers (compile169.txt).
Variant 3 keeps its per-thread sums in registers only if no layout conversion appears (its first
drafts, a 3-D tile and a count of the mask alone, had 4-10 barriers).
  git apply docs/perf/h200/thirty-fifth-session/experiment169.diff
  PYTHONPATH=. /work/venv36/bin/python docs/perf/h200/thirty-fifth-session/compile169.py"""

import os
import sys

import torch

from kernels import config as cfg
from kernels import layernorm as ln

sys.path.insert(
    0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../thirty-fourth-session/prepared")
)
from compile161 import T, compile_forward  # noqa: E402

POINTS = [(torch.float32, n, 4096) for n in (17408, 25600, 32768)]
POINTS += [(torch.bfloat16, n, 4096) for n in (25600, 29696)]

if __name__ == "__main__":
    # The masked whole rows these widths were before the thirty-fifth session's two rules.
    cfg.FWD_SPLIT_PADDED_ROWS.clear()
    cfg.FWD_STREAM_NEARLY_FULL.clear()
    cfg.forward_config.cache_clear()
    for dtype, n, m in POINTS:
        ln.EXP_STATS_VEC = 16 // dtype.itemsize
        for stats in (0, 2, 3):
            print(T[dtype], n, "M", m, "WHOLE_STATS", stats, compile_forward(dtype, n, m, stats))
