#!/usr/bin/env bash
# Call 3: the host-overhead table at the final launchers (probe 144's allocations), then
# probe 145 (forward+backward with the process pinned to one core).
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
timeout 150 python -m kernels.bench.sweep_configs --host-only --out $OUT/host 2>&1 | grep -v "Warn\|warn" | tail -16 | tee $OUT/host.txt
echo "host table $(( $(date +%s) - start )) s"
PYTHONPATH=. timeout 200 python docs/perf/h200/thirty-first-session/host_affinity.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe145.txt
echo "all $(( $(date +%s) - start )) s"
