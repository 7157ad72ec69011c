#!/usr/bin/env bash
# Session 11, H200, call 15: GPU tests on the final forward rule (more warps past 16384); forward (and backward, unchanged)
# between powers of two with torch and torch.compile through the harness.
export PYTHONPATH=.
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
start=$(date +%s)
timeout 260 python -m pytest -q -x -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -4 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
timeout 290 python -m kernels.bench --modes forward --providers triton torch torch_compile copy --ns 5120 6144 9216 10240 11264 12288 18432 20480 22528 24576 --out $OUT/between --no-progress --no-plots 2>&1 | tail -2
echo "between $(( $(date +%s) - start )) s"
sed -n '/## forward/,$p' $OUT/between/summary.md
