#!/usr/bin/env bash
# Prepared in the twelfth session, NOT RUN (no device time left): probe 39, the streamed
# forward's lane counts computed once (lane-counts.diff, against 47d31a8's kernels/layernorm.py)
# against the kernel as it is. About 2-3 minutes on an H200. Needs ab/probe7.py (copy it from
# docs/perf/h100/experiments/short-rows-and-groups/) and carry ["ab"]. From the repository root:
#   bash docs/perf/h200/twelfth-session/prepared/next-call.sh
set -e
here=docs/perf/h200/twelfth-session/prepared
rm -rf ab/lanes && mkdir -p ab/lanes && cp -r kernels ab/lanes/kernels_lanes
patch -s ab/lanes/kernels_lanes/layernorm.py < $here/lane-counts.diff
export PYTHONPATH=.
timeout 420 python $here/probe39.py bfloat16:57344 float16:57344 bfloat16:65536 float16:65536 \
  bfloat16:40960 bfloat16:49152 bfloat16:9216 bfloat16:10240 bfloat16:12288 bfloat16:18432 \
  bfloat16:20480 bfloat16:24576 float16:5120 float16:6144 float32:10240 float32:18432 \
  float32:20480 float32:40960 float32:65536 2>&1 | tee $OUT/probe39.txt | grep -v "^  "
