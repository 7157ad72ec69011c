#!/usr/bin/env bash
# Twenty-fourth session, call 3: probe 110 (sequential against interleaved providers).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
PYTHONPATH=. timeout 500 python docs/perf/h200/twenty-fourth-session/probe110.py 2>&1 \
  | grep -v Warn | tee $OUT/probe110.txt
echo "all $(( $(date +%s) - start )) s"
