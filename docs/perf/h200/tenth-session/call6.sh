#!/usr/bin/env bash
# Session 10, H200, call 6: probe 27 (16-bit forward between powers of two), host and memory.
export PYTHONPATH=.
timeout 300 python ab/probe27.py bfloat16:10240 bfloat16:12288 bfloat16:14336 bfloat16:20480 bfloat16:24576 bfloat16:28672 float16:10240 float16:20480 2>&1 | grep -v Warn > $OUT/probe27.txt
grep -v "^  " $OUT/probe27.txt
timeout 120 python -m kernels.bench.sweep_configs --host-only 2>&1 | grep -v Warn | tee $OUT/host-and-memory.txt
