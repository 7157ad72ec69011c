#!/usr/bin/env bash
# Call 1 (twentieth session): probe 81 (the streamed forward's pass 1 with fewer instructions).
# From the repository root, with ab/ (probe7.py, kernels_base, kernels_peel, kernels_merge).
start=$(date +%s)
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.sm --format=csv
PYTHONPATH=.:ab timeout 540 python docs/perf/h200/twentieth-session/probe81.py "$@" 2>&1 \
  | grep -v Warn | tee $OUT/probe81.txt
echo "all $(( $(date +%s) - start )) s"
