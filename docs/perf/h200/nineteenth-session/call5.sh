#!/usr/bin/env bash
# Call 5 (nineteenth session): probe 77 (the FWD_LAGGED_SLICES rule against the streamed one),
# then the GPU tests of test_layer_norm.py and test_harness.py.
start=$(date +%s)
PYTHONPATH=.:ab timeout 240 python docs/perf/h200/nineteenth-session/probe77.py 2>&1 \
  | grep -v Warn | tee $OUT/probe77.txt
PYTHONPATH=. timeout $(( 585 - $(date +%s) + start )) python -m pytest -q -rs \
  -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -n 8 \
  | tee $OUT/gpu-tests-call5.txt
echo "all $(( $(date +%s) - start )) s"
