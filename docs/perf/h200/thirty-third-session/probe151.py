"""Probe 151 (thirty-third session): the launch tables were measured at M = 4096 rows; do the
kernels hold their % of copy at the row counts of real batches (M = 16384 and 65536 tokens)?
The harness (harness.run: correctness against the float64 reference first, flush_l2, the
host cushion, medians) at 7 shapes, fp32 and bf16, forward and backward, against eager,
torch.compile and the copy of the same bytes.
Prediction: forward within 2 points of M = 4096's % of copy (the whole-row and streamed
forward grids do not depend on M beyond the tile fit, which M >= 4096 leaves alone);
backward the same or 1-3 points higher (the partial-row sum and the persistent grid's
last round weigh less with more rows a program).
  PYTHONPATH=. python docs/perf/h200/thirty-third-session/probe151.py OUT_DIR"""

import sys
from pathlib import Path

from kernels.bench import harness, report

SHAPES = [(16384, n) for n in (1024, 4096, 8192, 16384)] + [(65536, n) for n in (1024, 4096, 8192)]

if __name__ == "__main__":
    df = harness.run(SHAPES, ("float32", "bfloat16"), ("forward", "backward"), progress=False)
    report.write_report(df, Path(sys.argv[1]), plots=False)
    print(report.format_table(df))
