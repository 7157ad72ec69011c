#!/usr/bin/env bash
# Call 2: probe 148 (pdl against trig-end, every target width), then the GPU tests with the
# partial-row sum as a dependent launch (BWD_SUM_PDL = 1, the implicit trigger).
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 240 python docs/perf/h200/thirty-second-session/probe148.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe148.txt
echo "probe 148 $(( $(date +%s) - start )) s"
timeout 300 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -8 | tee $OUT/gpu-tests.txt
echo "all $(( $(date +%s) - start )) s"
