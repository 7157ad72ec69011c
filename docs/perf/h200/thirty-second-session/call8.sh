#!/usr/bin/env bash
# Call 8: the GPU tests with every launch but a cooperative one dependent (config.DEPENDENT_LAUNCHES).
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
timeout 90 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py -k "dependent or cuda_graph" 2>&1 | tail -3 | tee $OUT/dependent-tests.txt
timeout 300 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -8 | tee $OUT/gpu-tests.txt
echo "all $(( $(date +%s) - start )) s"
