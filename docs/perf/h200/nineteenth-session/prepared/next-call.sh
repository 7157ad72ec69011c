#!/usr/bin/env bash
# Prepared in the nineteenth session, NOT RUN (no device time left). About 2-3 minutes on an H200.
# Probe 78 (rule against lagged 16384-wide slices, 16-bit forward) where FWD_LAGGED_SLICES is
# silent: 5 slices (73729-81920: bf16 81920 +2.7 points in probe 78, one point) and past 262144
# (17-24 slices, unmeasured). A rule range needs two widths that win in both dtypes.
# From the repository root, with ab/probe7.py (carry ["ab"]).
start=$(date +%s)
PYTHONPATH=.:ab timeout 560 python docs/perf/h200/nineteenth-session/probe78.py \
  bfloat16:77824 float16:81920 bfloat16:81920 float16:278528 bfloat16:278528 \
  bfloat16:294912 bfloat16:327680 bfloat16:393216 2>&1 | grep -v Warn | tee $OUT/probe78b.txt
echo "all $(( $(date +%s) - start )) s"
