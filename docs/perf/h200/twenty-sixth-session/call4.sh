#!/usr/bin/env bash
# Twenty-sixth session, call 4 (meant for a third VM; it got call 3's): the GPU tests at the session's final kernels and
# config (8192-wide forward rows whole); probe 123 again (whole-row warps at 8192, 16384 ties).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
timeout 280 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -6 | tee $OUT/gpu-tests-final.txt
echo "tests $(( $(date +%s) - start )) s"
PYTHONPATH=. timeout 200 python docs/perf/h200/twenty-sixth-session/probe123.py 2>&1 | grep -v Warn | tee $OUT/probe123-call4.txt
echo "all $(( $(date +%s) - start )) s"
