#!/usr/bin/env bash
# Call 4 (with --rows): the default N sweep at M = 16384 rows through the CLI (no torch.compile:
# 48 more graphs to compile), forward and backward, one repeat; then the harness tests.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
timeout 400 python -m kernels.bench --rows 16384 --modes forward backward --providers triton torch copy --no-plots --no-progress --out $OUT/rows16384 > $OUT/rows16384.txt 2>&1
echo "rc $? sweep $(( $(date +%s) - start )) s"
grep -v "Warn\|warn" $OUT/rows16384.txt | tail -60
timeout 120 python -m pytest -q -p no:cacheprovider tests/test_harness.py 2>&1 | tail -3 | tee $OUT/harness-tests.txt
echo "all $(( $(date +%s) - start )) s"
