#!/usr/bin/env bash
# Session 17, H200, call 3: probe 63 again (HEAD, v1 = call 2's candidate, the revised candidate),
# then the GPU tests on the revised candidate. Carry ["ab"] (probe7.py, kernels_head/, kernels_v1/).
export PYTHONPATH=.:ab
here=docs/perf/h200/seventeenth-session
start=$(date +%s)
timeout 330 python $here/probe63.py 2>&1 | grep -v Warn | tee $OUT/probe63.txt
echo "probe63 $(( $(date +%s) - start )) s"
PYTHONPATH=. timeout $(( 590 - $(date +%s) + start )) python -m pytest -q -p no:cacheprovider \
  tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -4 | tee $OUT/gpu-tests.txt
echo "all $(( $(date +%s) - start )) s"
