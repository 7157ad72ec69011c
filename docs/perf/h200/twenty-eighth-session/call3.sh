#!/usr/bin/env bash
# Twenty-eighth session, call 3: probe 129 (warps of the forward's exactly chunked 5120/6144 rows).
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 400 python docs/perf/h200/twenty-eighth-session/probe129.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe129.txt
