#!/usr/bin/env bash
# Twenty-third session, call 2: probe 100 (one-warp short-row tiles) in two processes.
# From the repository root, carry ["ab"] (ab/probe7.py: docs/perf/h100/experiments/short-rows-and-groups/probe7.py).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id,temperature.gpu --format=csv
for p in 1 2; do
  echo "== process $p"
  PYTHONPATH=.:ab timeout 270 python docs/perf/h200/twenty-third-session/probe100.py 2>&1 \
    | grep -v Warn | tee $OUT/probe100-$p.txt
done
echo "all $(( $(date +%s) - start )) s"
