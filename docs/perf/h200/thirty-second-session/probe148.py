"""Probe 148 (thirty-second session): probe 147 again on another VM, for the choice between its
two winners: the partial-row sum as a programmatic dependent launch with the rows kernel's
programs' exits as the trigger (pdl) or an explicit trigger after the row loop (trig-end).
Probe 147: both 0.9-2.7 us faster than two stream-ordered launches at every point; pdl ahead
at bf16 1024-2048 (0.6-1.2 us), trig-end at 4096-8192 (0.3-0.5 us), within the rounds' spread.
Rule: trig-end only if it beats pdl by more than the spread at 4096-8192 without losing at
1024-2048; else pdl (no change to the rows kernel). Every target width, 7 rotated rounds.
Like probe 147, needs d2815f3 with experiment.diff. Call 5 ran it at a3486d2 by mistake, where
the knob it sets is gone: all its variants were the committed code (a noise measurement).
  PYTHONPATH=. python docs/perf/h200/thirty-second-session/probe148.py"""

import sys

sys.path.insert(0, "docs/perf/h200/thirty-second-session")
import probe147  # noqa: E402

probe147.ROUNDS = 7
probe147.VARIANTS = {"off": 0, "pdl": 1, "trig-end": 2}
for dtype_name in ("bfloat16", "float16", "float32"):
    for n in (1024, 2048, 4096, 8192, 16384, 32768):
        probe147.point(dtype_name, n)
