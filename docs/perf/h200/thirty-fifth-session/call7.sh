#!/usr/bin/env bash
# Call 7 (fa601ca + probe script): probe 167 again on another VM, fp32 only (7 rounds).
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 200 python docs/perf/h200/thirty-fifth-session/probe167.py confirm 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe167b.txt
echo "total $(( $(date +%s) - start )) s"
