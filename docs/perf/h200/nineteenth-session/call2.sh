#!/usr/bin/env bash
# Call 2 (nineteenth session): probe 75 (BackwardConfig.reload).
start=$(date +%s)
PYTHONPATH=.:ab timeout 580 python docs/perf/h200/nineteenth-session/probe75.py 2>&1 \
  | grep -v Warn | tee $OUT/probe75.txt
echo "all $(( $(date +%s) - start )) s"
