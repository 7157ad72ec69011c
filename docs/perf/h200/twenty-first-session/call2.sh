#!/usr/bin/env bash
# Call 2 (twenty-first session): probe 86. From the repository root, carry ["ab"].
start=$(date +%s)
PYTHONPATH=.:ab timeout 400 python docs/perf/h200/twenty-first-session/probe86.py 2>&1 \
  | grep -v Warn | tee $OUT/probe86.txt
echo "all $(( $(date +%s) - start )) s"
