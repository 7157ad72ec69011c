#!/usr/bin/env bash
# Call 4 (+ experiment158.diff): probe 158, streaming hints (x evict_first, y/dx stored .cs),
# one process per variant, rotated over 2 rounds.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
git apply docs/perf/h200/thirty-fourth-session/experiment158.diff || exit 1
PYTHONPATH=. timeout 540 python docs/perf/h200/thirty-fourth-session/probe158.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe158.txt
echo "total $(( $(date +%s) - start )) s"
