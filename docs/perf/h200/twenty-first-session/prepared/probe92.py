"""Probe 92 (prepared in the twenty-first session, NOT RUN): the one pass-1 load for any chunk
count (ab/kernels_pad: kernels/ with variants/padded-one-load.diff, namespace kernels_pad::; a
tile padded to the next power of two of chunks, the padding's loads masked off) against the
committed kernels (the one load for powers of two, the Welford loop otherwise).

Offline (sm_90, Triton 3.6; load-scan.txt against load-scan-padded.txt): the loop issues only
3-5 of its pass-1 loads before any arithmetic at 16-bit 10240, 20480 (5 chunks), 24576 (6),
9216, 11264, 18432, 22528 (9, 11) and fp32 11264, 22528 (11), 24576 (6); padded, all of them
(some as fewer, wider loads), but registers rise: 16-bit 9 and 11 chunks 32 -> 64, 5 and 6
chunks 32-40 -> 40, fp32 22528/24576 32 -> 42-45. Prediction: gains where the registers do not
cost programs a SM (16-bit 10240, 20480, 24576; fp32 11264-24576), losses at 16-bit 9 and 11
chunks. Method as probes 63-91, M = 4096, statistics stored and not.
  PYTHONPATH=.:ab:docs/perf/h200/twenty-first-session \
    python docs/perf/h200/twenty-first-session/prepared/probe92.py
"""

import probe90

probe90.PKGS = ("kernels", "kernels_pad")  # probe 90's loop, this variant package
POINTS = [("bfloat16", 10240), ("float16", 20480), ("bfloat16", 24576), ("bfloat16", 11264),
          ("float16", 18432), ("bfloat16", 5120), ("float32", 11264), ("float32", 24576),
          ("bfloat16", 12288)]

if __name__ == "__main__":
    for dtype, n in POINTS:
        probe90.forward(dtype, n)
