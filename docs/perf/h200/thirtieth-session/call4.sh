#!/usr/bin/env bash
# Call 4: probe 140, fp32 rows of 513-1023 columns (768, then 640 and 896) in other tiles
# against torch.compile.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 300 python docs/perf/h200/thirtieth-session/probe140.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe140.txt
echo "probe 140 $(( $(date +%s) - start )) s"
