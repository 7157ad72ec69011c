#!/usr/bin/env bash
# Call 8 (the session's last device seconds): probe 160 (the partial-row sum's tile), then the
# harness tests on the GPU.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 100 python docs/perf/h200/thirty-fourth-session/probe160.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe160.txt
echo "probe $(( $(date +%s) - start )) s"
timeout 90 python -m pytest -q -p no:cacheprovider tests/test_harness.py 2>&1 | tail -3 | tee $OUT/harness-tests.txt
echo "total $(( $(date +%s) - start )) s"
