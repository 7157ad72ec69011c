#!/usr/bin/env bash
# Call 7 (20a19ff, another VM): probe 159, the
# forward's y as a streaming store against the plain store, side by side.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 560 python docs/perf/h200/thirty-fourth-session/probe159.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe159b.txt
echo "total $(( $(date +%s) - start )) s"
