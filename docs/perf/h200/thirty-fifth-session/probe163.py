"""Probe 163 (thirty-fifth session): the whole-row forward's statistics in one reduction where a
program holds a whole row alone on its SM (1 row of 32 warps: fp32 17408-32768, 16-bit
25600-31744). Probe 161 (call 1) found one reduction slower or level wherever several programs
share a SM (16-bit 2048-8192: Welford -0.4 to -4%) but 1.0% faster at fp32 32768 (Welford
277.9 against 280.8 us, outside the rounds' spread): with one program a SM nothing else loads
while it reduces, so a barrier round saved is DRAM time saved (about 0.1 us a row).
Prediction: Welford and shifted sums 0.5-1.5% faster at every such point, fp32 and 16-bit,
at M = 4096 and at 16384 rows. On experiment161.diff; probe 161's point(), 7 rounds.
  git apply docs/perf/h200/thirty-fourth-session/prepared/experiment161.diff
  PYTHONPATH=. python docs/perf/h200/thirty-fifth-session/probe163.py"""

import os
import sys

sys.path.insert(
    0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../thirty-fourth-session/prepared")
)
import probe161  # noqa: E402

probe161.ROUNDS = 7
POINTS = [(4096, n, "float32") for n in (17408, 21504, 25600, 28672, 30720, 32768)]
POINTS += [(4096, n, d) for n in (25600, 28672, 31744) for d in ("bfloat16", "float16")]
POINTS += [(16384, 32768, "float32"), (16384, 28672, "bfloat16")]

if __name__ == "__main__":
    for p in POINTS:
        probe161.point(*p)
