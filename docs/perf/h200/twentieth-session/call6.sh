#!/usr/bin/env bash
# Call 6 (twentieth session): the GPU tests at 9105d74 (equal lanes and the forward's _f32).
start=$(date +%s)
timeout 300 python -m pytest -q tests/test_layer_norm.py tests/test_harness.py 2>&1 \
  | tail -5 | tee $OUT/gpu-tests-call6.txt
echo "all $(( $(date +%s) - start )) s"
