#!/usr/bin/env bash
# Call 8 (twentieth session, at a7da4dc): probe 84. From the repository root, carry ["ab"].
start=$(date +%s)
PYTHONPATH=.:ab timeout 200 python docs/perf/h200/twentieth-session/probe84.py 2>&1 \
  | grep -v Warn | tee $OUT/probe84.txt
echo "all $(( $(date +%s) - start )) s"
