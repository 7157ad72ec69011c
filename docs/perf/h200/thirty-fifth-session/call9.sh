#!/usr/bin/env bash
# Call 9 (prepared, not run): probe 169, the whole-row statistics in one exact reduction
# (each thread's two-pass statistics merged across threads once), on experiment169.diff.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
git apply docs/perf/h200/thirty-fifth-session/experiment169.diff || exit 1
PYTHONPATH=. timeout 400 python docs/perf/h200/thirty-fifth-session/probe169.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe169.txt
echo "total $(( $(date +%s) - start )) s"
