#!/usr/bin/env bash
# Session 14, H200, call 3: GPU tests with cfg.fit_backward_tile (uncommitted working tree on
# c5b7364), then probe 50 (few rows: fitted tile against the table's; where dweight/dbias cost
# goes; deeper load pipelines for short rows).
export PYTHONPATH=.
here=docs/perf/h200/fourteenth-session
start=$(date +%s)
timeout 230 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -3 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
PYTHONPATH=.:ab timeout 340 python $here/probe50.py 2>&1 | grep -v Warn | tee $OUT/probe50.txt
echo "all $(( $(date +%s) - start )) s"
