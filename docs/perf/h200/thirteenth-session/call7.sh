#!/usr/bin/env bash
# Session 13, H200, call 7: GPU tests (tests/test_layer_norm.py, tests/test_harness.py) with
# FWD_STREAM_FULL_BLOCKS (16-bit 8192-32768 and fp32 8192-16384 in 4 chunks), then the final
# forward table (harness bench, all three dtypes).
export PYTHONPATH=.
start=$(date +%s)
timeout 300 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -2 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
timeout 240 python -m kernels.bench --modes forward --providers triton torch torch_compile copy \
  --dtypes float32 float16 bfloat16 \
  --ns 256 512 768 1024 1536 2048 4096 5120 8192 11264 12288 16384 22528 32768 57344 65536 73728 \
  --out $OUT/final-forward --no-progress --no-plots 2>&1 | tail -1
sed -n '/## forward/,$p' $OUT/final-forward/summary.md
