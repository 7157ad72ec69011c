"""Probe 141 (thirtieth session): fp32 1024 (unmasked) in 4-row tiles too? The H200 runs the
H100 table's exception there, 8 rows with 4 warps (H100: 101-103% of copy against 92-95%,
sweeps 5-6), while probe 140 found 4 rows 5-6% faster on the masked 1024 block (513-1023). The
rules without the exception would give 1024 4 rows with 4 warps. Same method as probe 140
(its `point`): the tiles below, torch.compile and the copy, 6 rotated rounds, inference.
Prediction: 4 rows ahead by 2-6% as at 768-896; if so on this VM, the H200's plain (4, 1024)
key takes 4 rows (covering 513-1024) in place of the masked one.
  PYTHONPATH=. python docs/perf/h200/thirtieth-session/probe141.py
"""

import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).parent))
from probe140 import point  # noqa: E402

if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    point(1024, [(8, 4), (4, 2), (2, 4), (16, 8)])  # the rule is 8 x 4 or, once changed, 4 x 4
    point(1024, [(4, 4), (8, 4)])  # a second point in the same process
