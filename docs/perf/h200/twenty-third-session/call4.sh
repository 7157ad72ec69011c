#!/usr/bin/env bash
# Twenty-third session, call 4: probe 102 (the wait before a timed call).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id,temperature.gpu --format=csv
PYTHONPATH=. timeout 400 python docs/perf/h200/twenty-third-session/probe102.py 2>&1 \
  | grep -v Warn | tee $OUT/probe102.txt
echo "all $(( $(date +%s) - start )) s"
