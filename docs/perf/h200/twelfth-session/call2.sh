#!/usr/bin/env bash
# Session 12, H200, call 2: the GPU test call 1 cut short (timeout), then probe 36.
export PYTHONPATH=.
timeout 90 python -m pytest -q -p no:cacheprovider tests/test_harness.py::test_measure_on_gpu 2>&1 | tail -2
timeout 460 python ab/probe36.py f:bfloat16:32768 f:float16:32768 f:bfloat16:65536 f:float16:65536 \
  f:float32:32768 f:float32:65536 f:bfloat16:6144 f:float16:6144 \
  b:float32:16896 b:float32:18432 b:bfloat16:16896 b:bfloat16:18432 b:float16:17408 2>&1 | tee $OUT/probe36.txt | grep -v "^  "
