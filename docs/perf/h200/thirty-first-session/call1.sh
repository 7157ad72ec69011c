#!/usr/bin/env bash
# Call 1: probe 143, a small call's compiled-kernel launch with tensors, with data_ptr ints, and
# with Triton's Python launcher layer skipped (host_launch.py).
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 400 python docs/perf/h200/thirty-first-session/host_launch.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe143.txt
echo "probe 143 $(( $(date +%s) - start )) s"
