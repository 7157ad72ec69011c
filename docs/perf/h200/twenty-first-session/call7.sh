#!/usr/bin/env bash
# Call 7 (twenty-first session): probe 90. From the repository root, carry ["ab"] (ab/probe7.py
# and ab/kernels_ld: kernels/ with variants/one-load.diff, torch.library namespace kernels_ld).
start=$(date +%s)
PYTHONPATH=.:ab timeout 200 python docs/perf/h200/twenty-first-session/probe90.py 2>&1 \
  | grep -v Warn | tee $OUT/probe90.txt
echo "all $(( $(date +%s) - start )) s"
