#!/usr/bin/env bash
# Call 2 (twentieth session): probe 81 with the lane merge only where count_once, at the other
# widths the exact-chunk rules stream. From the repository root, with ab/ (carry ["ab"]).
start=$(date +%s)
PYTHONPATH=.:ab timeout 540 python docs/perf/h200/twentieth-session/probe81.py \
  float16:32768:x bfloat16:40960:x float16:40960:x bfloat16:57344:x bfloat16:65536:x \
  float16:65536:x bfloat16:73728:x float32:40960 float32:49152 float32:57344 float32:65536 \
  bfloat16:5120 float32:5120 bfloat16:6144 bfloat16:9216 float32:9216 bfloat16:11264 \
  float32:11264 bfloat16:18432 float32:18432 float16:24576 float32:24576 float32:20480 2>&1 \
  | grep -v Warn | tee $OUT/probe81-call2.txt
echo "all $(( $(date +%s) - start )) s"
