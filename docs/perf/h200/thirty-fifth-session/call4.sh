#!/usr/bin/env bash
# Call 4 (e440351 + probe scripts): probe 165, nearly full rows streamed in exact chunks.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 540 python docs/perf/h200/thirty-fifth-session/probe165.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe165.txt
echo "total $(( $(date +%s) - start )) s"
