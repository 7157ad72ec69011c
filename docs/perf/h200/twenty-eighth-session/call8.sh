#!/usr/bin/env bash
# Twenty-eighth session, call 8: with FWD_PASS2_AHEAD in the rules, probe 132 at five of its
# widths (the rule and its pass2_ahead variant are now the same config: a check that the rule
# takes it) and the GPU tests.
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 150 python docs/perf/h200/twenty-eighth-session/probe132.py \
  float32:5120 float32:9216 float32:10240 bfloat16:65536 float16:73728 \
  2>&1 | grep -v "Warn\|warn" | tee $OUT/probe132-call8.txt
timeout 300 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -8 | tee $OUT/gpu-tests.txt
