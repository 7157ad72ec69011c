#!/usr/bin/env bash
# Session 11, H200, call 12: probe 34 (the provisional rule for rows between powers of two).
export PYTHONPATH=.
start=$(date +%s)
B="bfloat16:5120 bfloat16:6144 bfloat16:7168 bfloat16:9216 bfloat16:10240 bfloat16:11264 bfloat16:12288 bfloat16:13312 bfloat16:14336 bfloat16:15360 bfloat16:18432 bfloat16:20480 bfloat16:24576 bfloat16:26624 bfloat16:28672 bfloat16:30720 bfloat16:10000 bfloat16:20000 bfloat16:12800"
F="float32:5120 float32:6144 float32:9216 float32:10240 float32:12288 float32:13312 float32:20480 float32:24576 float32:28672 float32:10000 float16:12288 float16:24576 float16:6144"
timeout 500 python ab/probe34.py $B $F 2>&1 | grep -v Warn > $OUT/probe34.txt
echo "probe34 $(( $(date +%s) - start )) s"; grep -v "^  " $OUT/probe34.txt | awk '{$1=""; print}'
