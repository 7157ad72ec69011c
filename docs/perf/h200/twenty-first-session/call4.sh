#!/usr/bin/env bash
# Call 4 (twenty-first session): probe 88 (new table entries against the old), then the GPU
# tests on this tree. From the repository root, carry ["ab"].
start=$(date +%s)
git log --oneline -1
PYTHONPATH=.:ab timeout 200 python docs/perf/h200/twenty-first-session/probe88.py 2>&1 \
  | grep -v Warn | tee $OUT/probe88.txt
echo "probe $(( $(date +%s) - start )) s"
timeout 330 python -m pytest -q tests/test_layer_norm.py tests/test_harness.py 2>&1 \
  | tail -5 | tee $OUT/gpu-tests-call4.txt
echo "all $(( $(date +%s) - start )) s"
