#!/usr/bin/env bash
# Call 6 (fa601ca + probe script): probe 167, the remaining one-program-a-SM masked whole rows
# split over a group of programs.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 240 python docs/perf/h200/thirty-fifth-session/probe167.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe167.txt
echo "total $(( $(date +%s) - start )) s"
