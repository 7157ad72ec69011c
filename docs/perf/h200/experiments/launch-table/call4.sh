#!/usr/bin/env bash
export PYTHONPATH=.
timeout 540 python ab/probe14.py bfloat16:32768 float32:16384 bfloat16:16384 float32:12288 bfloat16:12288 bfloat16:24576 \
  float32:8192 bfloat16:8192 bfloat16:4096 float32:4096 bfloat16:2048 float32:2048 float32:1024 bfloat16:1024 2>&1 | grep -v Warn | tee $OUT/probe14.txt
