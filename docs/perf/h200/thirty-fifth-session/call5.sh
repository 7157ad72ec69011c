#!/usr/bin/env bash
# Call 5 (FWD_STREAM_NEARLY_FULL): probe 166 (the new rule against the masked whole rows it
# replaced, through the configs the rules give), then the GPU tests.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 200 python docs/perf/h200/thirty-fifth-session/probe166.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe166.txt
echo "probe $(( $(date +%s) - start )) s"
timeout 280 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py 2>&1 | tail -4 | tee $OUT/gpu-tests.txt
echo "total $(( $(date +%s) - start )) s"
