#!/usr/bin/env bash
# Call 3: at a3486d2 (the partial-row sum as a dependent launch): the new GPU test, the GPU test
# suite, the backward sweep with the extended widths (harness CLI) and the host table.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
timeout 60 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py -k dependent 2>&1 | tail -3 | tee $OUT/dependent-tests.txt
timeout 150 python -m kernels.bench --modes backward --extended --no-plots --no-progress --out $OUT/extended 2>&1 | grep -v "Warn\|warn" | tail -80 > $OUT/extended.txt
echo "sweep $(( $(date +%s) - start )) s"
timeout 60 python -m kernels.bench.sweep_configs --host-only --out $OUT/host 2>&1 | grep -v "Warn\|warn" | tail -25 | tee $OUT/host.txt
echo "host $(( $(date +%s) - start )) s"
timeout 270 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -8 | tee $OUT/gpu-tests.txt
echo "all $(( $(date +%s) - start )) s"
