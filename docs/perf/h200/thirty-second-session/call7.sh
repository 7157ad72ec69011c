#!/usr/bin/env bash
# Call 7: probe 150 (the forward and the backward's rows kernel as dependent launches), on
# 887a52b with experiment2.diff applied.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 300 python docs/perf/h200/thirty-second-session/probe150.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe150.txt
echo "all $(( $(date +%s) - start )) s"
