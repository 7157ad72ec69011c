#!/usr/bin/env bash
# Call 2 (0d38002 + probe 151): the GPU tests at the session's start (0adc1b9's launch option
# was never run on a GPU), then probe 151 (the kernels at M = 16384 and 65536 rows).
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
timeout 280 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -8 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
PYTHONPATH=. timeout 290 python docs/perf/h200/thirty-third-session/probe151.py $OUT/probe151 > $OUT/probe151.txt 2>&1
echo "rc $? probe $(( $(date +%s) - start )) s"
grep -v "Warn\|warn" $OUT/probe151.txt | tail -40
