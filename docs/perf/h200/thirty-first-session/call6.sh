#!/usr/bin/env bash
# Call 6: probe 146, the host table's Function.apply row alone, new launchers against fcde327's
# (kernels/_old_layernorm.py put in the working tree untracked before the call, as for call 2).
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
sed -i 's/"kernels::layer_norm/"kernels_old::layer_norm/' kernels/_old_layernorm.py
PYTHONPATH=. timeout 200 python docs/perf/h200/thirty-first-session/host_apply.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe146.txt
rm kernels/_old_layernorm.py
echo "probe 146 $(( $(date +%s) - start )) s"
