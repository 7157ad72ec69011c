#!/usr/bin/env bash
# Call 6: the GPU tests at the final config (wide_row 10240), then probe 136 again on this VM
# (x-ahead.diff applied on the device's copy after the tests, for probe134.py's variants).
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
timeout 330 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -8 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
git apply docs/perf/h200/twenty-eighth-session/prepared/x-ahead.diff || exit 1
d=docs/perf/h200/twenty-ninth-session/probe134
PYTHONPATH=.:$d timeout 120 python $d/probe134.py variants136 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe136.txt
echo "all $(( $(date +%s) - start )) s"
