#!/usr/bin/env bash
# Call 3: every target re-measured at the final kernels (the whole extended bench, all three
# modes and dtypes, one repeat), then the host-overhead table with both launch plans.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
timeout 420 python -m kernels.bench --extended --no-plots --no-progress --out $OUT/extended 2>&1 \
  | grep -v "Warn\|warn" > $OUT/extended.log
tail -3 $OUT/extended.log
echo "extended $(( $(date +%s) - start )) s"
timeout 120 python -m kernels.bench.sweep_configs --host-only --out $OUT/host 2>&1 | grep -v "Warn\|warn" | tail -20
echo "all $(( $(date +%s) - start )) s"
