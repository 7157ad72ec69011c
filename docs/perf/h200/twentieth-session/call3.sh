#!/usr/bin/env bash
# Call 3 (twentieth session): probe 81 at the 16-bit rows streamed in 8192-wide chunks (32768-
# 73728: ptxas's schedule differs by variant there, call 2) with 16 warps too, and the merge
# without the peel at other rows of 5 or more chunks. From the repository root, carry ["ab"].
start=$(date +%s)
PYTHONPATH=.:ab timeout 540 python docs/perf/h200/twentieth-session/probe81.py \
  bfloat16:32768:xw float16:32768:xw bfloat16:40960:xw float16:40960:xw bfloat16:49152:xw \
  float16:49152:xw bfloat16:57344:xw float16:57344:xw bfloat16:65536:xw float16:65536:xw \
  bfloat16:73728:xw float16:73728:xw bfloat16:5120:x bfloat16:11264:x bfloat16:18432:x \
  bfloat16:20480:x float16:24576:x 2>&1 | grep -v Warn | tee $OUT/probe81-call3.txt
echo "all $(( $(date +%s) - start )) s"
