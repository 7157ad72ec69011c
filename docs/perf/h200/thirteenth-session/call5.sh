#!/usr/bin/env bash
# Session 13, H200, call 5: GPU tests (tests/test_layer_norm.py and tests/test_harness.py) on
# a1b49c2 (lanes counted once), then probe 43.
export PYTHONPATH=.
start=$(date +%s)
timeout 420 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -2 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
here=docs/perf/h200/thirteenth-session
PYTHONPATH=.:ab:$here timeout 150 python $here/probe43.py 2>&1 | tee $OUT/probe43.txt | grep -v "^  "
