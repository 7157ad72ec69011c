#!/usr/bin/env bash
# Session 16, H200, call 2: probe 57 (C: two backward programs a SM; A: M = 4096 forward tiles
# at N = 1024-4096 with 1-8 warps; B: the few-rows fit's candidate). Needs ab/probe7.py, carry ["ab"].
export PYTHONPATH=.:ab:docs/perf/h200/fifteenth-session
here=docs/perf/h200/sixteenth-session
start=$(date +%s)
timeout 60 python $here/probe57.py C 2>&1 | grep -v Warn | tee $OUT/probe57-C.txt
timeout 240 python $here/probe57.py A 2>&1 | grep -v Warn | tee $OUT/probe57-A.txt
timeout $(( 560 - $(date +%s) + start )) python $here/probe57.py B 2>&1 | grep -v Warn | tee $OUT/probe57-B.txt
echo "all $(( $(date +%s) - start )) s"
