#!/usr/bin/env bash
# Call 8 (nineteenth session): the GPU test files at the final rules (c517d23).
PYTHONPATH=. timeout 400 python -m pytest -q -rs -p no:cacheprovider tests/test_layer_norm.py \
  tests/test_harness.py 2>&1 | tail -n 8 | tee $OUT/gpu-tests-call8.txt
