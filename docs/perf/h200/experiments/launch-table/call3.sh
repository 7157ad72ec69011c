#!/usr/bin/env bash
export PYTHONPATH=.
timeout 500 python ab/probe13.py float32:12288 float32:24576 float32:16384 float32:32768 float32:8192 float32:4096 \
  bfloat16:12288 float16:4096 bfloat16:4096 bfloat16:2048 float16:2048 bfloat16:8192 bfloat16:24576 float32:2048 2>&1 | grep -v Warn | tee $OUT/probe13.txt
