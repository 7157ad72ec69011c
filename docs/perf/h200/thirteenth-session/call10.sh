#!/usr/bin/env bash
# Session 13, H200, call 10: GPU tests with the single-group backward writing dweight/dbias
# itself (one launch), then probe 45 again (the one-row backward's kernels and harness time).
export PYTHONPATH=.
start=$(date +%s)
timeout 230 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -2 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
timeout 60 python docs/perf/h200/thirteenth-session/probe45.py 2>&1 | grep -v Warn | tee $OUT/probe45-after.txt
