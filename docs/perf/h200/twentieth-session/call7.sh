#!/usr/bin/env bash
# Call 7 (twentieth session, at 9105d74): probe 83. From the repository root, carry ["ab"].
start=$(date +%s)
PYTHONPATH=.:ab timeout 200 python docs/perf/h200/twentieth-session/probe83.py 2>&1 \
  | grep -v Warn | tee $OUT/probe83.txt
echo "all $(( $(date +%s) - start )) s"
