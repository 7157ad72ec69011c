#!/usr/bin/env bash
# Prepared in the twelfth session, NOT RUN: for the next session that is lent an H100. Probe 40
# times the H100's and the H200's launch tables side by side at widths where they differ (the
# H200-only rules: exact-chunk streaming, 16-bit narrow rows with 4 warps, two-slice tails; and
# the eighth session's H200 exceptions at 16384 and 3072-4096). About 3-4 minutes. Needs
# ab/probe7.py (from docs/perf/h100/experiments/short-rows-and-groups/) and carry ["ab"].
#   bash docs/perf/h200/twelfth-session/prepared/h100-call.sh
export PYTHONPATH=.
timeout 500 python docs/perf/h200/twelfth-session/prepared/probe40.py \
  f:bfloat16:5120 f:bfloat16:6144 f:bfloat16:9216 f:bfloat16:10240 f:bfloat16:12288 \
  f:bfloat16:18432 f:bfloat16:20480 f:bfloat16:24576 f:bfloat16:40960 f:bfloat16:49152 \
  f:float32:6144 f:float32:10240 f:float32:12288 f:float32:18432 f:float32:20480 \
  f:float32:40960 f:float32:65536 \
  b:bfloat16:16384 b:bfloat16:18432 b:bfloat16:20480 b:float32:17408 b:float32:18432 \
  2>&1 | tee $OUT/probe40.txt | grep -v "^  "
