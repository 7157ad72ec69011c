#!/usr/bin/env bash
# Session 17, H200, call 2: the two-launch split rows against HEAD's (call 1's failing GPU test),
# then probe 63 with its config check fixed. Carry ["ab"].
export PYTHONPATH=.:ab
here=docs/perf/h200/seventeenth-session
start=$(date +%s)
timeout 60 python ab/debug2launch.py 2>&1 | grep -v Warn | tee $OUT/debug2launch.txt
PYTHONPATH=. timeout 90 python -m pytest -q -x -p no:cacheprovider tests/test_layer_norm.py \
  -k "two-launch" 2>&1 | grep -v "^  " | tail -30 | tee $OUT/gpu-test-two-launch.txt
timeout 420 python $here/probe63.py 2>&1 | grep -v Warn | tee $OUT/probe63.txt
echo "all $(( $(date +%s) - start )) s"
