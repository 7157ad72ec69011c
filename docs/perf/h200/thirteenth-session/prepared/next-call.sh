#!/usr/bin/env bash
# Prepared in the thirteenth session, NOT RUN (no device time left): probe 46 (the backward at
# few rows: 1-row tiles, with and without pipelined loads, against the rule and torch.compile)
# and probe 47 (bf16 against fp16 in 8192-wide chunks with 32 warps). About 3-4 minutes on an
# H200. Needs ab/probe7.py (copy it from docs/perf/h100/experiments/short-rows-and-groups/)
# and carry ["ab"]. From the repository root:
#   bash docs/perf/h200/thirteenth-session/prepared/next-call.sh
here=docs/perf/h200/thirteenth-session
PYTHONPATH=.:ab timeout 300 python $here/prepared/probe46.py 2>&1 | tee $OUT/probe46.txt
PYTHONPATH=.:ab:$here timeout 200 python $here/prepared/probe47.py 2>&1 | tee $OUT/probe47.txt | grep -v "^  "
