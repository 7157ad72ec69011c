#!/usr/bin/env bash
# Call 9 (nineteenth session): probe 80 (lagged 16-bit forward groups of 9-10 slices: rows a
# group and group count).
PYTHONPATH=.:ab timeout 150 python docs/perf/h200/nineteenth-session/probe80.py 2>&1 \
  | grep -v Warn | tee $OUT/probe80.txt
