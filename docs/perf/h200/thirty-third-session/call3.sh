#!/usr/bin/env bash
# Call 3 (0d38002): probe 152, the backward's fixed cost per call against the copy's.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 400 python docs/perf/h200/thirty-third-session/probe152.py > $OUT/probe152.txt 2>&1
echo "rc $? probe $(( $(date +%s) - start )) s"
grep -v "Warn\|warn" $OUT/probe152.txt | tail -80
