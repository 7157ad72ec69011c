#!/usr/bin/env bash
# Twenty-fifth session, call 6: probe 119 (fp16 and bf16 4096, 1 row of 4 warps against 2 rows
# of 8, on a third VM), two processes. carry ["ab/probe7.py"].
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
D=docs/perf/h200/twenty-fifth-session
for i in 1 2; do
  PYTHONPATH=.:ab:docs/perf/h200/twenty-fourth-session timeout 120 python $D/probe119.py 2>&1 \
    | grep -v Warn | tee $OUT/probe119-$i.txt
done
echo "all $(( $(date +%s) - start )) s"
