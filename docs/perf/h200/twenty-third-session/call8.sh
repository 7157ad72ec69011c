#!/usr/bin/env bash
# Twenty-third session, call 8: probe 106 (1-warp short-row tiles, parameters first or not,
# beside inductor's kernel) in two processes. From the repository root, carry ["ab"].
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id,temperature.gpu --format=csv
for p in 1 2; do
  PYTHONPATH=.:ab timeout 150 python docs/perf/h200/twenty-third-session/probe106.py 2>&1 \
    | grep -v Warn | tee $OUT/probe106-$p.txt
done
echo "all $(( $(date +%s) - start )) s"
