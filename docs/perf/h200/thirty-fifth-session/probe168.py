"""Probe 168 (thirty-fifth session, after FWD_SPLIT_PADDED_ROWS): fp32 rows of 16385-24576
columns that no exact-chunk rule streams, split in 3 slices of 8192 (2-row tiles, 8 warps) by
the rules now, against the masked whole rows the rules gave before (the table emptied), beside
torch.compile and the copy; probe 166's method (outputs checked, the public API checked to run
the new rule), on another VM than probe 167's. Prediction (probe 167): 17408 and 19456 +7%,
21504 +4.5-5%, 23552 +2.7%; 16896 (a last slice of 512 columns) and 20000 (ragged) +3-8%.
  PYTHONPATH=. python docs/perf/h200/thirty-fifth-session/probe168.py"""

import os
import sys

from kernels import config as cfg

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import probe166  # noqa: E402

POINTS = [16896, 17408, 19456, 20000, 21504, 23552]

if __name__ == "__main__":
    for n in POINTS:
        probe166.point("float32", n, cfg.FWD_SPLIT_PADDED_ROWS, "split")
