#!/usr/bin/env bash
# Session 15, H200, call 3: GPU tests with the revised forward fit (working tree on ad76486),
# probe 54 (the revised fit against the table's tile and the old fit; torch.compile's fp32 256
# forward kernel).
export PYTHONPATH=.
here=docs/perf/h200/fifteenth-session
start=$(date +%s)
git log --oneline -1
timeout 200 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -3 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
PYTHONPATH=.:ab:$here timeout 150 python $here/probe54.py fit 2>&1 | grep -v Warn | tee $OUT/probe54-fit.txt
PYTHONPATH=.:ab:$here timeout 60 python $here/probe54.py inductor > $OUT/probe54-inductor.txt 2>&1
grep -n "@triton.jit" -A60 $OUT/probe54-inductor.txt | head -90
echo "all $(( $(date +%s) - start )) s"
