#!/usr/bin/env bash
# Prepared in the twenty-fourth session, NOT RUN: probe 116 (the default forward and backward
# sweep with the copy measured first and last; about 4 minutes). From the repository root.
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
PYTHONPATH=. timeout 500 python docs/perf/h200/twenty-fourth-session/prepared/probe116.py 2>&1 \
  | grep -v Warn | tee $OUT/probe116.txt
echo "all $(( $(date +%s) - start )) s"
