#!/usr/bin/env bash
# Call 8 (FWD_SPLIT_PADDED_ROWS, a fresh VM): probe 168, the split fp32 rows against the masked
# whole rows they replaced.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 150 python docs/perf/h200/thirty-fifth-session/probe168.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe168.txt
echo "total $(( $(date +%s) - start )) s"
