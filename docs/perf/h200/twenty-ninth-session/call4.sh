#!/usr/bin/env bash
# Call 4: probe 135 (fp32 1024-2048-wide exact chunks: 32 warps, padded one load; x ahead at
# 16384 on a third VM), x-ahead.diff applied on the device's copy only.
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
git apply docs/perf/h200/twenty-eighth-session/prepared/x-ahead.diff || exit 1
d=docs/perf/h200/twenty-ninth-session/probe134
PYTHONPATH=.:$d timeout 300 python $d/probe134.py variants135 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe135.txt
