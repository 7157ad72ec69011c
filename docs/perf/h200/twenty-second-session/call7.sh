#!/usr/bin/env bash
# Call 7 (twenty-second session): probe 97, then the GPU tests with fp32 256-512's params_first
# entries in the H200 table. From the repository root, carry ["ab"] (ab/probe7.py).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id,temperature.gpu --format=csv
PYTHONPATH=.:ab timeout 120 python docs/perf/h200/twenty-second-session/probe97.py 2>&1 \
  | grep -v Warn | tee $OUT/probe97.txt
echo "probe $(( $(date +%s) - start )) s"
timeout 250 python -m pytest -q tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -5 \
  | tee $OUT/gpu-tests-call7.txt
echo "all $(( $(date +%s) - start )) s"
