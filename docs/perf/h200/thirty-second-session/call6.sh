#!/usr/bin/env bash
# Call 6: probe 149 (the committed dependent sum against stream order, a third VM).
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 300 python docs/perf/h200/thirty-second-session/probe149.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe149.txt
echo "all $(( $(date +%s) - start )) s"
