#!/usr/bin/env bash
# Session 17, H200, call 5: probe 65 (old and new split-row rules, on the new kernels), then the
# GPU tests with the new rules. Carry ["ab"] (probe7.py, kernels_head/).
export PYTHONPATH=.:ab
here=docs/perf/h200/seventeenth-session
start=$(date +%s)
timeout 300 python $here/probe65.py 2>&1 | grep -v Warn | tee $OUT/probe65.txt
echo "probe65 $(( $(date +%s) - start )) s"
PYTHONPATH=. timeout $(( 590 - $(date +%s) + start )) python -m pytest -q -p no:cacheprovider \
  tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -4 | tee $OUT/gpu-tests.txt
echo "all $(( $(date +%s) - start )) s"
