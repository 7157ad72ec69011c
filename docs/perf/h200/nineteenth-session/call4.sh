#!/usr/bin/env bash
# Call 4 (nineteenth session): probe 76 (16-bit forward 98304-262144: lagged split rows).
start=$(date +%s)
PYTHONPATH=.:ab timeout 560 python docs/perf/h200/nineteenth-session/probe76.py 2>&1 \
  | grep -v Warn | tee $OUT/probe76.txt
echo "all $(( $(date +%s) - start )) s"
