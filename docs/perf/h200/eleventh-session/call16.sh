#!/usr/bin/env bash
# Session 11, H200, call 16: probe 35 (pass 2 in order, the other warp count), then GPU tests
# on the tree with the in_order knob.
export PYTHONPATH=.
start=$(date +%s)
timeout 100 python ab/probe35.py bfloat16:10240 bfloat16:12288 bfloat16:18432 bfloat16:20480 bfloat16:22528 bfloat16:24576 float16:20480 float32:6144 float32:10240 float32:12288 float32:20480 float32:24576 2>&1 | grep -v Warn > $OUT/probe35.txt
echo "probe35 $(( $(date +%s) - start )) s"; grep -v "^  " $OUT/probe35.txt | awk '{$1=""; print}'
timeout 215 python -m pytest -q -x -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -4 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
