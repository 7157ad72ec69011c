#!/usr/bin/env bash
# Twenty-fifth session, call 3: probe 117 (which of the two copies is faster), then the GPU
# tests on the fp16 4096 tile and the twice-measured copy.
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
D=docs/perf/h200/twenty-fifth-session
PYTHONPATH=. timeout 200 python $D/probe117.py 2>&1 | grep -v Warn | tee $OUT/probe117.txt
echo "probe117 $(( $(date +%s) - start )) s"
timeout 330 python -m pytest -q tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -8 | tee $OUT/gpu-tests.txt
echo "all $(( $(date +%s) - start )) s"
