#!/usr/bin/env bash
# Prepared in the twentieth session, NOT RUN (no device time left). About 4-5 minutes on an H200.
# 1. Every forward variant (sweep_configs, now with equal_lanes flipped) at the 16-bit widths
#    the targets still miss or that swing by ptxas's schedule: fp16 32768 (91-92%: equal lanes a
#    tie, the first chunk peeled alone 92.4-93.4 in probe 81), 16-bit 65536 (78-81%, target 85).
# 2. The nineteenth session's prepared probe 78 (lagged 16-bit forward slices at 5 and 17-24).
# From the repository root, with ab/probe7.py (carry ["ab"]).
start=$(date +%s)
timeout 300 python -m kernels.bench.sweep_configs --no-host --modes forward \
  --dtypes float16 bfloat16 --ns 32768 65536 --out $OUT/sweep-fwd 2>&1 | grep -v Warn \
  | tail -80 | tee $OUT/sweep-fwd.txt
echo "sweep $(( $(date +%s) - start )) s"
PYTHONPATH=.:ab timeout 200 python docs/perf/h200/nineteenth-session/probe78.py \
  bfloat16:77824 float16:81920 bfloat16:81920 float16:278528 bfloat16:278528 \
  bfloat16:294912 2>&1 | grep -v Warn | tee $OUT/probe78b.txt
echo "all $(( $(date +%s) - start )) s"
