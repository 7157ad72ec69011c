#!/usr/bin/env bash
# Call 1: probe 147 (the backward's partial-row sum as a programmatic dependent launch).
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 540 python docs/perf/h200/thirty-second-session/probe147.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe147.txt
echo "all $(( $(date +%s) - start )) s"
