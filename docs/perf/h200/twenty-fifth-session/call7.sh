#!/usr/bin/env bash
# Twenty-fifth session, call 7: probe 120 (does an evict_last load leave lines in L2 that the
# harness's zeroing flush keeps?).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
PYTHONPATH=. timeout 240 python docs/perf/h200/twenty-fifth-session/probe120.py 2>&1 | grep -v Warn | tee $OUT/probe120.txt
echo "all $(( $(date +%s) - start )) s"
