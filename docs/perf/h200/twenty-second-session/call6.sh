#!/usr/bin/env bash
# Call 6 (twenty-second session): probe 96 (the short-row forward against torch.compile).
# From the repository root, carry ["ab"] (ab/probe7.py, ab/kernels_i32, ab/kernels_cx).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id,temperature.gpu --format=csv
PYTHONPATH=.:ab timeout 300 python docs/perf/h200/twenty-second-session/probe96.py 2>&1 \
  | grep -v Warn | tee $OUT/probe96.txt
echo "all $(( $(date +%s) - start )) s"
