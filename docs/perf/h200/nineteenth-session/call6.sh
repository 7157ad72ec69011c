#!/usr/bin/env bash
# Call 6 (nineteenth session): probe 78 (16-bit forward, lagged 16384-wide slices at 5-16
# slices), then the new wide-row test on the GPU.
start=$(date +%s)
PYTHONPATH=.:ab timeout 400 python docs/perf/h200/nineteenth-session/probe78.py 2>&1 \
  | grep -v Warn | tee $OUT/probe78.txt
PYTHONPATH=. timeout 120 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py \
  -k "lagged_forward_slices or lagged_split_rows" 2>&1 | tail -n 3 | tee $OUT/gpu-tests-call6.txt
echo "all $(( $(date +%s) - start )) s"
