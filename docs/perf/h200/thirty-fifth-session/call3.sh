#!/usr/bin/env bash
# Call 3 (e440351 + experiment164.diff): probe 164, masked whole rows: one reduction of
# shifted sums (with and without the fallback) and exact-chunk streaming against the rule.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
git apply docs/perf/h200/thirty-fifth-session/experiment164.diff || exit 1
PYTHONPATH=. timeout 500 python docs/perf/h200/thirty-fifth-session/probe164.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe164.txt
echo "total $(( $(date +%s) - start )) s"
