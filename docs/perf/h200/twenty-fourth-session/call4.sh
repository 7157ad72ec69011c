#!/usr/bin/env bash
# Twenty-fourth session, call 4: probe 111 (register caps, 16-bit 1536-3584). carry ["ab"].
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
PYTHONPATH=.:ab:docs/perf/h200/twenty-fourth-session timeout 400 \
  python docs/perf/h200/twenty-fourth-session/probe111.py 2>&1 | grep -v Warn | tee $OUT/probe111.txt
echo "all $(( $(date +%s) - start )) s"
