#!/usr/bin/env bash
# Call 3 (nineteenth session): the forward sweep (every variant of sweep_configs, not quick) at
# 16-bit 65536-131072: split rows in 4096/8192/16384-wide slices, lagged or not, against the
# streamed rule (next step of log entry 44).
start=$(date +%s)
PYTHONPATH=. timeout 570 python -m kernels.bench.sweep_configs --out $OUT/sweep --no-host \
  --modes forward --dtypes bfloat16 float16 --ns 65536 131072 98304 2>&1 | grep -v Warn \
  | tee $OUT/sweep-fwd-wide.txt
echo "all $(( $(date +%s) - start )) s"
