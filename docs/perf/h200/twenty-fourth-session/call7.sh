#!/usr/bin/env bash
# Twenty-fourth session, call 7: probe 113 (16-bit 4096 tiles and caps), two processes.
# carry ["ab"].
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
D=docs/perf/h200/twenty-fourth-session
for p in 1 2; do
  PYTHONPATH=.:ab:$D timeout 150 python $D/probe113.py 2>&1 | grep -v Warn | tee $OUT/probe113-$p.txt
  echo "process $p done $(( $(date +%s) - start )) s"
done
