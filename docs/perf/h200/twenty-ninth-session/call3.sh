#!/usr/bin/env bash
# Call 3: probe 134 (the forward's >= 95% misses; x-ahead.diff applied on the device's copy only).
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
git apply docs/perf/h200/twenty-eighth-session/prepared/x-ahead.diff || exit 1
d=docs/perf/h200/twenty-ninth-session/probe134
PYTHONPATH=.:$d timeout 400 python $d/probe134.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe134.txt
echo "probe 134 $(( $(date +%s) - start )) s"
