#!/usr/bin/env bash
# Twenty-seventh session, call 2: probe 125 (dweight/dbias by fp32 atomics against the partial
# rows), with atomic-grads.diff applied (uncommitted) in the tree sent.
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
export PYTHONUNBUFFERED=1
set -o pipefail
PYTHONPATH=. timeout 560 python docs/perf/h200/twenty-seventh-session/probe125.py 2>&1 | tee $OUT/probe125.txt
