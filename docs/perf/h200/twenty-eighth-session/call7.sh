#!/usr/bin/env bash
# Twenty-eighth session, call 7: probe 132 at the streamed widths call 6 left out (where a
# pass2_ahead rule would reach), then the GPU tests.
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 200 python docs/perf/h200/twenty-eighth-session/probe132.py \
  float32:7168 float32:9216 float32:11264 float32:12288 float32:20480 float32:24576 \
  float32:40960 bfloat16:6144 bfloat16:10240 float16:10240 bfloat16:12288 bfloat16:24576 \
  bfloat16:40960 bfloat16:49152 float16:49152 bfloat16:57344 bfloat16:73728 \
  2>&1 | grep -v "Warn\|warn" | tee $OUT/probe132-call7.txt
