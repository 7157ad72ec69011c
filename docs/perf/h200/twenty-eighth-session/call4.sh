#!/usr/bin/env bash
# Twenty-eighth session, call 4: probe 130 (fp32 5120/6144 forward: the rule's flags against
# torch.compile, whose chosen config is printed).
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 400 python docs/perf/h200/twenty-eighth-session/probe130.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe130.txt
