#!/usr/bin/env bash
# Twenty-third session, call 9: the GPU tests with the fp32 256 and 16-bit 512 tiles, then the
# harness CLI at the short rows.
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id,temperature.gpu --format=csv
timeout 300 python -m pytest -q tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -5 \
  | tee $OUT/gpu-tests-call9.txt
echo "tests $(( $(date +%s) - start )) s"
timeout 100 python -m kernels.bench --modes forward --ns 256 512 --repeats 2 \
  --out $OUT/bench-short-2 --no-plots --no-progress 2>&1 | tail -10
echo "all $(( $(date +%s) - start )) s"
