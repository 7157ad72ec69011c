#!/usr/bin/env bash
# Twenty-third session, call 6: probe 104 (16-bit 512 tiles, rotated order) in two processes.
# From the repository root, carry ["ab"] (ab/probe7.py).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id,temperature.gpu --format=csv
for p in 1 2; do
  PYTHONPATH=.:ab timeout 120 python docs/perf/h200/twenty-third-session/probe104.py 2>&1 \
    | grep -v Warn | tee $OUT/probe104-$p.txt
done
echo "all $(( $(date +%s) - start )) s"
