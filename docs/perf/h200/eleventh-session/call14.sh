#!/usr/bin/env bash
# Session 11, H200, call 14: probe 34 at the 9- and 11-chunk rows the harness bench showed weak.
export PYTHONPATH=.
start=$(date +%s)
timeout 250 python ab/probe34.py bfloat16:11264 float16:11264 float32:11264 bfloat16:18432 float16:18432 float32:18432 bfloat16:22528 float16:22528 float32:22528 2>&1 | grep -v Warn > $OUT/probe34b.txt
echo "probe34b $(( $(date +%s) - start )) s"; grep -v "^  " $OUT/probe34b.txt | awk '{$1=""; print}'
