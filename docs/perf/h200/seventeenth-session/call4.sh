#!/usr/bin/env bash
# Session 17, H200, call 4: probe 64 (the rules around split rows with the new exchange).
# Carry ["ab"] (probe7.py).
export PYTHONPATH=.:ab
here=docs/perf/h200/seventeenth-session
start=$(date +%s)
timeout 580 python $here/probe64.py 2>&1 | grep -v Warn | tee $OUT/probe64.txt
echo "all $(( $(date +%s) - start )) s"
