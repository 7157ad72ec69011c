#!/usr/bin/env bash
# Call 8: probe 73 (the lagged exchange's poll issued early; candidate in ab/kernels_early).
PYTHONPATH=.:ab timeout 200 python docs/perf/h200/eighteenth-session/probe73.py 2>&1 \
  | grep -v Warn | tee $OUT/probe73.txt
