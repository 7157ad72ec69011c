#!/usr/bin/env bash
# Session 16, H200, call 6: the harness CLI at forward bf16/fp32 N = 2048, 4096, twice each, with
# all providers (torch.compile in the process) and without torch.compile: the copy's time at
# 67 MB moved. From the repository root.
export PYTHONPATH=.
for v in a b; do
  p=""; [ $v = b ] && p="--providers triton torch copy"
  timeout 120 python -m kernels.bench --modes forward --dtypes bfloat16 float32 --ns 2048 4096 \
    --repeats 2 --no-plots --no-progress $p --out $OUT/$v > $OUT/$v.log 2>&1
done
