#!/usr/bin/env bash
# Call 4 (twentieth session): probe 82 (bf16 upcast by its bits), then the GPU tests on the
# working tree (kernels with equal lanes and _f32). From the repository root, carry ["ab"].
start=$(date +%s)
PYTHONPATH=.:ab timeout 300 python docs/perf/h200/twentieth-session/probe82.py 2>&1 \
  | grep -v Warn | tee $OUT/probe82.txt
echo "probe $(( $(date +%s) - start )) s"
timeout 240 python -m pytest -q -x tests/test_layer_norm.py tests/test_harness.py 2>&1 \
  | tail -5 | tee $OUT/gpu-tests-call4.txt
echo "all $(( $(date +%s) - start )) s"
