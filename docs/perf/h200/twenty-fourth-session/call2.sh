#!/usr/bin/env bash
# Twenty-fourth session, call 2: probe 109 (is the after-the-copy slowness a placement?).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
PYTHONPATH=. timeout 400 python docs/perf/h200/twenty-fourth-session/probe109.py 2>&1 \
  | grep -v Warn | tee $OUT/probe109.txt
echo "all $(( $(date +%s) - start )) s"
