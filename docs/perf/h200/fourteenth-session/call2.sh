#!/usr/bin/env bash
# Session 14, H200, call 2: probe 49 (can a persistent row loop stream at copy speed?) and the
# thirteenth session's prepared probe 46 (the backward at 1-64 rows).
here=docs/perf/h200/fourteenth-session
start=$(date +%s)
PYTHONPATH=.:ab timeout 240 python $here/probe49.py 2>&1 | grep -v Warn | tee $OUT/probe49.txt
echo "probe49 done $(( $(date +%s) - start )) s"
PYTHONPATH=.:ab timeout 300 python docs/perf/h200/thirteenth-session/prepared/probe46.py 2>&1 | grep -v Warn | tee $OUT/probe46.txt
echo "all $(( $(date +%s) - start )) s"
