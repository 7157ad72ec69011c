#!/usr/bin/env bash
# Call 1: the final table at the session's start (0d38002): forward and backward over the
# extended widths (harness CLI, one repeat), then the host table.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
timeout 470 python -m kernels.bench --modes forward backward --extended --no-plots --no-progress --out $OUT/extended > $OUT/extended.txt 2>&1
echo "rc $? sweep $(( $(date +%s) - start )) s"
grep -v "Warn\|warn" $OUT/extended.txt | tail -40
timeout 60 python -m kernels.bench.sweep_configs --host-only --out $OUT/host 2>&1 | grep -v "Warn\|warn" | tail -25 > $OUT/host.txt
echo "host $(( $(date +%s) - start )) s"
