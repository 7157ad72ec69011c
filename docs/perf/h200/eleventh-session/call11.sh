#!/usr/bin/env bash
# Session 11, H200, call 11: probe 33 (streamed forward with exact chunk tiling: FULL_TILES,
# lane stats, L2 hints, chunk widths, vs fb24ef7 and torch.compile), probe 30 (split backward
# rows of two blocks) with call 10's constexpr error fixed.
export PYTHONPATH=.
start=$(date +%s)
timeout 380 python ab/probe33.py bfloat16:10240 bfloat16:20480 float32:10240 bfloat16:12288 bfloat16:24576 float16:20480 bfloat16:9216 float32:20480 bfloat16:32768 bfloat16:16384 float32:65536 bfloat16:65536 bfloat16:4096 2>&1 | grep -v Warn > $OUT/probe33.txt
echo "probe33 $(( $(date +%s) - start )) s"; grep -v "^  " $OUT/probe33.txt
timeout 150 python ab/probe30.py bfloat16:20480 bfloat16:24576 float16:20480 bfloat16:18432 float32:20480 float32:24576 2>&1 | grep -v Warn > $OUT/probe30.txt
echo "probe30 $(( $(date +%s) - start )) s"; grep -v "^  " $OUT/probe30.txt
