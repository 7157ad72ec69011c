#!/usr/bin/env bash
# Twenty-fourth session, call 9: probe 115 (the sweep with the copy first at each point).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
D=docs/perf/h200/twenty-fourth-session
PYTHONPATH=. timeout 200 python $D/probe115.py 2>&1 | grep -v Warn | tee $OUT/probe115-2.txt
echo "all $(( $(date +%s) - start )) s"
