#!/usr/bin/env bash
# Call 6 (twenty-first session): which GPU this VM has (UUID, clocks, power limit), then probe 89
# again: does the 16-bit 2048/4096 warp preference follow the machine? Carry ["ab"].
start=$(date +%s)
nvidia-smi --query-gpu=uuid,serial,pci.bus_id,clocks.max.sm,clocks.max.mem,clocks.sm,clocks.mem,power.limit,temperature.gpu,ecc.mode.current,vbios_version --format=csv
PYTHONPATH=.:ab timeout 100 python docs/perf/h200/twenty-first-session/probe89.py 2>&1 \
  | grep -v Warn | tee $OUT/probe89-call6.txt
nvidia-smi --query-gpu=clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv
echo "all $(( $(date +%s) - start )) s"
