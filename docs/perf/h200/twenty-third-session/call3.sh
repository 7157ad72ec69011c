#!/usr/bin/env bash
# Twenty-third session, call 3: probe 101 (the L2 flush's write-back and the "two speeds").
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id,temperature.gpu --format=csv
PYTHONPATH=. timeout 400 python docs/perf/h200/twenty-third-session/probe101.py 2>&1 \
  | grep -v Warn | tee $OUT/probe101.txt
echo "all $(( $(date +%s) - start )) s"
