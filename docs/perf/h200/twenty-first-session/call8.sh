#!/usr/bin/env bash
# Call 8 (twenty-first session): the GPU tests on the final kernels (the one-load equal lanes).
start=$(date +%s)
timeout 300 python -m pytest -q tests/test_layer_norm.py tests/test_harness.py 2>&1 \
  | tail -5 | tee $OUT/gpu-tests-call8.txt
echo "all $(( $(date +%s) - start )) s"
