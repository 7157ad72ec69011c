#!/usr/bin/env bash
# Session 12, H200, call 3: probe 37 (probe 36's winners at more widths).
export PYTHONPATH=.
timeout 400 python ab/probe37.py f:float32:40960 f:float32:49152 f:float32:65536 f:float32:98304 f:float32:131072 \
  f:bfloat16:5120 f:bfloat16:6144 f:bfloat16:7168 f:float16:5120 f:float16:6144 f:float16:7168 \
  b:float32:16400 b:float32:17408 b:float32:18432 b:float32:18944 b:float32:20480 2>&1 | tee $OUT/probe37.txt | grep -v "^  "
