#!/usr/bin/env bash
# Call 3 (twenty-first session): probe 87 (short whole-row tiles; the copy by placement).
# From the repository root, carry ["ab"].
start=$(date +%s)
PYTHONPATH=.:ab timeout 90 python docs/perf/h200/twenty-first-session/probe87.py copy 2>&1 \
  | grep -v Warn | tee $OUT/probe87-copy.txt
echo "copy $(( $(date +%s) - start )) s"
PYTHONPATH=.:ab timeout 420 python docs/perf/h200/twenty-first-session/probe87.py tiles 2>&1 \
  | grep -v Warn | tee $OUT/probe87-tiles.txt
echo "all $(( $(date +%s) - start )) s"
