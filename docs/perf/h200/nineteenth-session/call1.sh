#!/usr/bin/env bash
# Call 1 (nineteenth session): the whole GPU test files at e6588fe's kernels, then the
# eighteenth session's prepared call (probe 73: early poll, ab/kernels_early; probe 74).
start=$(date +%s)
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.max.mem --format=csv | tee $OUT/gpu.txt
PYTHONPATH=. timeout 260 python -m pytest -q -rs -p no:cacheprovider tests/test_layer_norm.py \
  tests/test_harness.py 2>&1 | tail -n 8 | tee $OUT/gpu-tests-call1.txt
echo "tests $(( $(date +%s) - start )) s"
PYTHONPATH=.:ab timeout 150 python docs/perf/h200/eighteenth-session/probe73.py 2>&1 \
  | grep -v Warn | tee $OUT/probe73.txt
PYTHONPATH=.:ab timeout $(( 585 - $(date +%s) + start )) python \
  docs/perf/h200/eighteenth-session/prepared/probe74.py 2>&1 | grep -v Warn | tee $OUT/probe74.txt
echo "all $(( $(date +%s) - start )) s"
