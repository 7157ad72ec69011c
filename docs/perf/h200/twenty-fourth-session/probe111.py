"""Probe 111 (twenty-fourth session): register caps at the 16-bit whole rows of 1536-3584.

Probe 108 (call 1, one VM): fp16 3072 (2 rows, 8 warps) under a 64-register cap ran
18.50-19.74 us against the table's 20.00-21.89 in 6 rotated rounds; bf16 3072 tied (18.59-19.84
against 18.59-19.68); 16-bit 2048 under a 40 cap was 1-2% ahead in 5 of 6 rounds. Offline
(sm_90, Triton 3.6; this session's caps2 listing in the README): the 2049-4095 tile takes 70
(fp16) or 69 (bf16) registers, 64 under the cap with no spill, so 4 programs of 256 threads a
SM instead of 3; 1536 (2 rows, 4 warps) 66 -> 64 (8 programs of 128 threads instead of 7);
2048 (1 row, 4 warps) 48 -> 40 (12 programs instead of 10).
Prediction: fp16 2560-3584 +5-10% under the cap, bf16 level; 1536 and 2048 +0-2%.
Method as probe 108 (6 rotated rounds, the copy among the variants), another VM.
  PYTHONPATH=.:ab python docs/perf/h200/twenty-fourth-session/probe111.py
"""

import sys

sys.argv = sys.argv[:1]
import probe108  # noqa: E402

probe108.POINTS = [(dt, n, (40,) if n == 2048 else (64,))
                   for n in (1536, 2048, 2560, 3072, 3584) for dt in ("float16", "bfloat16")]

if __name__ == "__main__":
    for args in probe108.POINTS:
        probe108.point(*args)
