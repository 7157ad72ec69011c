#!/usr/bin/env bash
# Call 7: probe 142, a small forward+backward's host time with autograd's device threads on and
# off (ours, F.layer_norm, a null autograd.Function).
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 150 python docs/perf/h200/thirtieth-session/host_threads.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe142.txt
echo "probe 142 $(( $(date +%s) - start )) s"
