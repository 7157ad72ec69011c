#!/usr/bin/env bash
# Prepared in the twenty-first session, NOT RUN (no device time left). About 1-2 minutes.
# The GPU's identity (entry 47: VMs disagreed on 16-bit 2048/4096's warps), probe 89 (4 or 8
# warps at 16-bit 2048/4096) and probe 91 (equal lanes, one load, in the rows wider than 32768).
# From the repository root, with ab/probe7.py (carry ["ab"]).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,serial,pci.bus_id,clocks.max.sm,clocks.max.mem,power.limit,temperature.gpu,vbios_version --format=csv
PYTHONPATH=.:ab timeout 100 python docs/perf/h200/twenty-first-session/probe89.py 2>&1 \
  | grep -v Warn | tee $OUT/probe89.txt
PYTHONPATH=.:ab timeout 200 python docs/perf/h200/twenty-first-session/prepared/probe91.py 2>&1 \
  | grep -v Warn | tee $OUT/probe91.txt
echo "all $(( $(date +%s) - start )) s"
