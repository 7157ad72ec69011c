#!/usr/bin/env bash
# Twenty-seventh session, call 4: probe 126 (backward rows of 4097-6144 columns as a 4096 block
# and a tail on the H200), then the GPU tests with that rule (BWD_HALF_BLOCK_TAILS) in the tree.
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 250 python docs/perf/h200/twenty-seventh-session/probe126.py 2>&1 | grep -v Warn | tee $OUT/probe126.txt
echo "probe $(( $(date +%s) - start )) s"
timeout 300 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -8 | tee $OUT/gpu-tests.txt
echo "all $(( $(date +%s) - start )) s"
