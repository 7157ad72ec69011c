#!/usr/bin/env bash
set -x
t0=$(date +%s)
export PYTHONPATH=.
timeout 300 python ab/probe12.py b:bfloat16:16384 b:float32:16384 b:bfloat16:32768 b:float32:32768 b:bfloat16:4096 2>&1 | tee $OUT/probe12-bwd.txt | grep -v Warn
echo "bwd $(( $(date +%s)-t0 ))s"
timeout 200 python ab/probe12.py f:bfloat16:32768 f:bfloat16:16384 f:float32:16384 f:float32:32768 f:bfloat16:4096 2>&1 | tee $OUT/probe12-fwd.txt | grep -v Warn
echo "fwd $(( $(date +%s)-t0 ))s"
timeout 60 python ab/probe11.py 2>&1 | tee $OUT/probe11.txt
echo "p11 $(( $(date +%s)-t0 ))s"
