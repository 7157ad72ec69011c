#!/usr/bin/env bash
# Call 6: probe 141, fp32 1024 in 4-row tiles against the H100 exception's 8 rows.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 150 python docs/perf/h200/thirtieth-session/probe141.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe141.txt
echo "probe 141 $(( $(date +%s) - start )) s"
