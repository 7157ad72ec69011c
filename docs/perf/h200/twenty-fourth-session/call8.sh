#!/usr/bin/env bash
# Twenty-fourth session, call 8: probe 114 (the VM's kind; the harness's order, another order
# and interleaving). carry ["ab"].
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
D=docs/perf/h200/twenty-fourth-session
PYTHONPATH=.:ab:$D timeout 240 python $D/probe114.py 2>&1 | grep -v Warn | tee $OUT/probe114.txt
echo "all $(( $(date +%s) - start )) s"
