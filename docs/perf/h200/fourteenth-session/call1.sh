#!/usr/bin/env bash
# Session 14, H200, call 1: GPU tests at HEAD (the thirteenth session's last two refactors ran
# only on the interpreter), probe 48 (the two-read, one-write stream ceiling) and probe 47
# (bf16 against fp16 in 8192-wide chunks, prepared in the thirteenth session).
export PYTHONPATH=.
here=docs/perf/h200/fourteenth-session
start=$(date +%s)
timeout 240 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -3 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
PYTHONPATH=.:ab timeout 120 python $here/probe48.py 2>&1 | grep -v Warn | tee $OUT/probe48.txt
echo "probe48 done $(( $(date +%s) - start )) s"
PYTHONPATH=.:ab:docs/perf/h200/thirteenth-session timeout 180 python docs/perf/h200/thirteenth-session/prepared/probe47.py 2>&1 | tee $OUT/probe47.txt | grep -v "^  "
echo "all $(( $(date +%s) - start )) s"
