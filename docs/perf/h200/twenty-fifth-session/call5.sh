#!/usr/bin/env bash
# Twenty-fifth session, call 5: probe 118 (a persistent whole-row forward, parameters loaded
# once a program, with or without a register prefetch of the next row).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
D=docs/perf/h200/twenty-fifth-session
PYTHONPATH=. timeout 300 python $D/probe118.py 2>&1 | grep -v Warn | tee $OUT/probe118.txt
echo "all $(( $(date +%s) - start )) s"
