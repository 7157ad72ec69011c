#!/usr/bin/env bash
# Session 13, H200, call 4: the harness bench of every point the count-once rule changes
# (forward, all three dtypes), with torch eager, torch.compile and the copy in the same run.
export PYTHONPATH=.
timeout 560 python -m kernels.bench --modes forward --providers triton torch torch_compile copy \
  --dtypes float32 float16 bfloat16 \
  --ns 5120 6144 9216 10240 11264 12288 18432 20480 22528 24576 40960 49152 57344 65536 \
  --out $OUT/count-once --no-progress --no-plots 2>&1 | tail -1
sed -n '/## forward/,$p' $OUT/count-once/summary.md
