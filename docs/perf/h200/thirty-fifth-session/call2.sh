#!/usr/bin/env bash
# Call 2 (e440351 + the thirty-fourth session's experiment161.diff): probe 163, one reduction
# for the whole rows that run one program a SM.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
git apply docs/perf/h200/thirty-fourth-session/prepared/experiment161.diff || exit 1
PYTHONPATH=. timeout 400 python docs/perf/h200/thirty-fifth-session/probe163.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe163.txt
echo "total $(( $(date +%s) - start )) s"
