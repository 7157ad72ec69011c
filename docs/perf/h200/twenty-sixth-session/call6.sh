#!/usr/bin/env bash
# Twenty-sixth session, call 6 (after give_back, for another VM): probe 124 (16-bit 2048/4096 forward tiles under
# flush_l2), then probe 123 again (8192: whole row against the chunks).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
PYTHONPATH=. timeout 150 python docs/perf/h200/twenty-sixth-session/probe124.py 2>&1 | grep -v Warn | tee $OUT/probe124-call6.txt
echo "probe 124 $(( $(date +%s) - start )) s"
PYTHONPATH=. timeout 120 python docs/perf/h200/twenty-sixth-session/probe123.py 2>&1 | grep -v Warn | tee $OUT/probe123-call6.txt
echo "all $(( $(date +%s) - start )) s"
