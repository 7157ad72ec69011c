#!/usr/bin/env bash
# Call 7 (nineteenth session): probe 79 (probe77.py at the rule's second range, 229377-262144).
start=$(date +%s)
PYTHONPATH=.:ab timeout 300 python docs/perf/h200/nineteenth-session/probe77.py \
  bfloat16:240000 bfloat16:245760 float16:245760 bfloat16:262144 float16:262144 2>&1 \
  | grep -v Warn | tee $OUT/probe79.txt
echo "all $(( $(date +%s) - start )) s"
