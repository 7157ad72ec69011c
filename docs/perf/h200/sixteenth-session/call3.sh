#!/usr/bin/env bash
# Session 16, H200, call 3: probe 58 in three processes, then the GPU tests. Carry ["ab"].
export PYTHONPATH=.:ab:docs/perf/h200/fifteenth-session
here=docs/perf/h200/sixteenth-session
start=$(date +%s)
for round in 1 2 3; do
  timeout 60 python $here/probe58.py 2>&1 | grep -v Warn | tee $OUT/probe58-$round.txt
done
echo "probe $(( $(date +%s) - start )) s"
PYTHONPATH=. timeout $(( 580 - $(date +%s) + start )) python -m pytest -q -p no:cacheprovider \
  tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -3 | tee $OUT/gpu-tests.txt
echo "all $(( $(date +%s) - start )) s"
