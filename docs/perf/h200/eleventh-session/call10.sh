#!/usr/bin/env bash
# Session 11, H200, call 10: probe 32 (streamed forward: L2 hints, lane stats, chunks), probe 30 again
# (call 9's failed to compile: fixed in the forward kernel).
export PYTHONPATH=.
start=$(date +%s)
timeout 300 python ab/probe32.py bfloat16:9216 bfloat16:10240 bfloat16:12288 bfloat16:20480 bfloat16:24576 float16:20480 float32:10240 float32:20480 float32:65536 bfloat16:65536 bfloat16:32768 2>&1 | grep -v Warn > $OUT/probe32.txt
echo "probe32 $(( $(date +%s) - start )) s"; grep -v "^  " $OUT/probe32.txt
timeout 200 python ab/probe30.py bfloat16:18432 bfloat16:20480 bfloat16:22528 bfloat16:24576 float16:20480 float32:20480 float32:24576 2>&1 | grep -v Warn > $OUT/probe30.txt
echo "probe30 $(( $(date +%s) - start )) s"; grep -v "^  " $OUT/probe30.txt
