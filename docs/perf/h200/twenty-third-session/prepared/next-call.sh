#!/usr/bin/env bash
# Prepared in the twenty-third session, NOT RUN: probe 107 (what sets a tile's two speeds), then
# the forward's short rows through the harness again. About 2 minutes. From the repository
# root, carry ["ab"] (ab/probe7.py: docs/perf/h100/experiments/short-rows-and-groups/probe7.py).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id,temperature.gpu --format=csv
PYTHONPATH=.:ab timeout 200 python docs/perf/h200/twenty-third-session/prepared/probe107.py 2>&1 \
  | grep -v Warn | tee $OUT/probe107.txt
timeout 100 python -m kernels.bench --modes forward --ns 256 512 --repeats 2 \
  --out $OUT/bench-short --no-plots --no-progress 2>&1 | tail -10
echo "all $(( $(date +%s) - start )) s"
