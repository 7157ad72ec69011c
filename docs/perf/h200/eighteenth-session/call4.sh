#!/usr/bin/env bash
# Call 4: the forward lag's tests on the GPU, then probe 70.
start=$(date +%s)
PYTHONPATH=. timeout 200 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py \
  -k "lagged or explicit or nan_and_inf" 2>&1 | tail -3 | tee $OUT/gpu-tests-call4.txt
echo "tests $(( $(date +%s) - start )) s"
PYTHONPATH=.:ab timeout $(( 590 - $(date +%s) + start )) python \
  docs/perf/h200/eighteenth-session/probe70.py 2>&1 | grep -v Warn | tee $OUT/probe70.txt
echo "all $(( $(date +%s) - start )) s"
