#!/usr/bin/env bash
# Session 10, H200, call 8: GPU tests on the final kernels, forward and backward between powers of two.
export PYTHONPATH=.
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
start=$(date +%s)
timeout 230 python -m pytest -q -x -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -4 | tee $OUT/gpu-tests-final.txt
echo "tests $(( $(date +%s) - start )) s"
timeout 200 python -m kernels.bench --modes forward backward --providers triton torch torch_compile copy --ns 9216 10240 12288 13312 20480 24576 --out $OUT/between --no-progress --no-plots 2>&1 | tail -2
echo "between $(( $(date +%s) - start )) s"
sed -n '/## forward/,$p' $OUT/between/summary.md
