#!/usr/bin/env bash
# Call 1 (twenty-first session): probe 85 (tail, streamed variants), then the twentieth
# session's prepared sweep of every forward variant at 16-bit 32768 and 65536. Carry ["ab"].
start=$(date +%s)
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.max.mem --format=csv,noheader
PYTHONPATH=.:ab timeout 200 python docs/perf/h200/twenty-first-session/probe85.py tail 2>&1 \
  | grep -v Warn | tee $OUT/probe85-tail.txt
echo "tail $(( $(date +%s) - start )) s"
PYTHONPATH=.:ab timeout 150 python docs/perf/h200/twenty-first-session/probe85.py fwd 2>&1 \
  | grep -v Warn | tee $OUT/probe85-fwd.txt
echo "fwd $(( $(date +%s) - start )) s"
timeout 200 python -m kernels.bench.sweep_configs --no-host --modes forward \
  --dtypes float16 bfloat16 --ns 32768 65536 --out $OUT/sweep-fwd 2>&1 | grep -v Warn \
  | tail -80 | tee $OUT/sweep-fwd.txt
echo "all $(( $(date +%s) - start )) s"
