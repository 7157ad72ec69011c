#!/usr/bin/env bash
# Session 15, H200, call 2: GPU tests with the strided backward walk (commit on main), then
# probe 53 (S: strided against contiguous at the points probe 52 left out; G: M = 4096 short-row
# forward tiles against torch.compile; F: forward tiles at M = 8-1024 for the few-rows fit).
export PYTHONPATH=.
here=docs/perf/h200/fifteenth-session
start=$(date +%s)
git log --oneline -1
timeout 230 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -3 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
PYTHONPATH=.:ab timeout 40 python $here/probe53.py S 2>&1 | grep -v Warn | tee $OUT/probe53-S.txt
PYTHONPATH=.:ab timeout 150 python $here/probe53.py G 2>&1 | grep -v Warn | tee $OUT/probe53-G.txt
PYTHONPATH=.:ab timeout $(( 585 - $(date +%s) + start )) python $here/probe53.py F 2>&1 | grep -v Warn | tee $OUT/probe53-F.txt
echo "all $(( $(date +%s) - start )) s"
