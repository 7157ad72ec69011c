#!/usr/bin/env bash
# Prepared in the seventeenth session, NOT RUN (no device time left): the GPU tests at the final
# commit (the seventeenth session ran them before adee1d4's fp32 strided rule for 3-4 slices),
# then probe 67. About 4 minutes on an H200; on an H100 the tests say whether the fence-free
# exchange holds there too. From the repository root, with ab/probe7.py carried (carry ["ab"]):
#   bash docs/perf/h200/seventeenth-session/prepared/next-call.sh
start=$(date +%s)
PYTHONPATH=. timeout 300 python -m pytest -q -p no:cacheprovider \
  tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -4 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
PYTHONPATH=.:ab timeout $(( 590 - $(date +%s) + start )) python \
  docs/perf/h200/seventeenth-session/prepared/probe67.py 2>&1 | grep -v Warn | tee $OUT/probe67.txt
echo "all $(( $(date +%s) - start )) s"
