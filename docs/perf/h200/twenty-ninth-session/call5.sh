#!/usr/bin/env bash
# Call 5: probe 136 (twice the warps at fp32 11264 and 16-bit 9216, 11264).
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
git apply docs/perf/h200/twenty-eighth-session/prepared/x-ahead.diff || exit 1
d=docs/perf/h200/twenty-ninth-session/probe134
PYTHONPATH=.:$d timeout 300 python $d/probe134.py variants136 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe136.txt
