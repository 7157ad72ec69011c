#!/usr/bin/env bash
# Call 5: probe 148 again on another VM; the new CUDA-graph test and the dependent-sum tests.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
timeout 120 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py -k "cuda_graph or dependent" 2>&1 | tail -3 | tee $OUT/tests.txt
PYTHONPATH=. timeout 240 python docs/perf/h200/thirty-second-session/probe148.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe148.txt
echo "all $(( $(date +%s) - start )) s"
