#!/usr/bin/env bash
# Twenty-eighth session, call 2: probe 128 (the (1, 4096) forward+backward's host time, against
# F.layer_norm's) and torch.compile's generated forward at fp32 5120/6144.
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
export PYTHONUNBUFFERED=1
d=docs/perf/h200/twenty-eighth-session
PYTHONPATH=. timeout 300 python $d/host_fwd_bwd.py 2>&1 | grep -v "Warn\|USDT" | tee $OUT/probe128.txt
PYTHONPATH=. timeout 200 python $d/inductor_code.py 2>&1 | tail -5
