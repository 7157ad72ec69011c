#!/usr/bin/env bash
# Call 7: probe 137 (host time with the forward's launch plans against the parent commit's
# launchers, kernels/_old_layernorm.py written here on the device's copy only), then the GPU
# tests at the final kernels and config.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
# kernels/_old_layernorm.py: the parent commit's kernels/layernorm.py (4bf0f6a), put in the
# working tree untracked before the call; its custom ops renamed so both modules can register.
sed -i 's/"kernels::layer_norm/"kernels_old::layer_norm/' kernels/_old_layernorm.py
PYTHONPATH=. timeout 200 python docs/perf/h200/twenty-ninth-session/host_plans.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe137.txt
rm kernels/_old_layernorm.py
echo "probe 137 $(( $(date +%s) - start )) s"
timeout 330 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -8 | tee $OUT/gpu-tests.txt
echo "all $(( $(date +%s) - start )) s"
