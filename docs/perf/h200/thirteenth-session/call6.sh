#!/usr/bin/env bash
# Session 13, H200, call 6: the final forward table (harness bench, all three dtypes) over the
# sweep, the non-powers of two and the rows the rules changed this session.
export PYTHONPATH=.
timeout 560 python -m kernels.bench --modes forward --providers triton torch torch_compile copy \
  --dtypes float32 float16 bfloat16 \
  --ns 256 512 768 1024 1536 2048 4096 5120 8192 11264 12288 16384 22528 32768 57344 65536 73728 \
  --out $OUT/final-forward --no-progress --no-plots 2>&1 | tail -1
sed -n '/## forward/,$p' $OUT/final-forward/summary.md
