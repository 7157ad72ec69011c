#!/usr/bin/env bash
# Prepared in the fifteenth session, NOT RUN (no device time left): probe 56 (A: forward short
# rows with weight and bias loaded evict_last, evict-last.diff applied to the device's copy only,
# alternating with HEAD twice; B: forward tiles at M = 512-2048). About 6 minutes on an H200.
# Needs ab/probe7.py (copy it from docs/perf/h100/experiments/short-rows-and-groups/) and carry
# ["ab"]. From the repository root:
#   bash docs/perf/h200/fifteenth-session/prepared/next-call.sh
here=docs/perf/h200/fifteenth-session
export PYTHONPATH=.:ab:$here
for round in 1 2; do
  timeout 60 python $here/prepared/probe56.py A 2>&1 | grep -v Warn | tee $OUT/probe56-A-head-$round.txt
  git apply $here/prepared/evict-last.diff \
    && timeout 60 python $here/prepared/probe56.py A 2>&1 | grep -v Warn | tee $OUT/probe56-A-evict-last-$round.txt
  git apply -R $here/prepared/evict-last.diff
done
timeout 300 python $here/prepared/probe56.py B 2>&1 | grep -v Warn | tee $OUT/probe56-B.txt
