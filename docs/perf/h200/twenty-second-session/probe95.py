"""Probe 95 (twenty-second session): the wide 16-bit rows padded by one chunk (57344: 7 chunks
of 8192 in one load padded to 8; commit 2 of this session) against the triples' loop (ab/
kernels_head, ee8cd1a), through each package's own forward_config; 40960 and 49152, whose
configs did not change, as controls. A second process after probe 93 (57344 bf16 77.4 -> 82.2,
fp16 76.6 -> 80.7% of copy). Prediction: the same gains, controls within 1 point.
  PYTHONPATH=.:ab:docs/perf/h200/twenty-first-session \
    python docs/perf/h200/twenty-second-session/probe95.py
"""

import probe90

POINTS = [("bfloat16", 57344), ("float16", 57344), ("bfloat16", 40960), ("float16", 49152)]

if __name__ == "__main__":
    probe90.PKGS = ("kernels_head", "kernels")
    for dtype, n in POINTS:
        probe90.forward(dtype, n)
