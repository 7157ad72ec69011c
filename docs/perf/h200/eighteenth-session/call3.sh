#!/usr/bin/env bash
# Call 3: probe 69 (the lag rule across 3-8 slices, and additions), then the GPU tests.
start=$(date +%s)
PYTHONPATH=.:ab timeout 240 python docs/perf/h200/eighteenth-session/probe69.py 2>&1 \
  | grep -v Warn | tee $OUT/probe69.txt
echo "probe $(( $(date +%s) - start )) s"
PYTHONPATH=. timeout $(( 590 - $(date +%s) + start )) python -m pytest -q -p no:cacheprovider \
  tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -4 | tee $OUT/gpu-tests.txt
echo "all $(( $(date +%s) - start )) s"
