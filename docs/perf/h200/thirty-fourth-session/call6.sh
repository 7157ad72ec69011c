#!/usr/bin/env bash
# Call 6 (20a19ff: streaming stores for rows wider than 32 KB): the GPU tests, then the forward
# over the extended widths (harness CLI, one repeat, all four providers).
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
timeout 260 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py 2>&1 | tail -4 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
timeout 300 python -m kernels.bench --modes forward --extended --no-plots --no-progress --out $OUT/extended > $OUT/extended.txt 2>&1
echo "rc $? sweep $(( $(date +%s) - start )) s"
grep -v "Warn\|warn" $OUT/extended.txt | tail -45
