#!/usr/bin/env bash
# Twenty-third session, call 7: probe 105 (inductor's traits one by one), the GPU tests with
# 16-bit 512's new H200 tile (4 rows, 1 warp), then the harness CLI at the short rows.
# From the repository root, carry ["ab"] (ab/probe7.py).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id,temperature.gpu --format=csv
PYTHONPATH=.:ab timeout 150 python docs/perf/h200/twenty-third-session/probe105.py 2>&1 \
  | grep -v Warn | tee $OUT/probe105.txt
echo "probe $(( $(date +%s) - start )) s"
timeout 300 python -m pytest -q tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -5 \
  | tee $OUT/gpu-tests-call7.txt
echo "tests $(( $(date +%s) - start )) s"
timeout 120 python -m kernels.bench --modes forward --ns 256 512 1024 --repeats 2 \
  --out $OUT/bench-short --no-plots --no-progress 2>&1 | tail -16
echo "all $(( $(date +%s) - start )) s"
