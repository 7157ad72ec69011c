#!/usr/bin/env bash
# Call 5: with the fp32 513-1023 override applied, probe 140 again (the old 8-row rule and the
# runners-up against the new 4 rows, another VM if one is lent), the project's bench at those
# widths (3 interleaved repeats), then the GPU tests at the final config.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 150 python docs/perf/h200/thirtieth-session/probe140.py again 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe140-again.txt
echo "probe 140 again $(( $(date +%s) - start )) s"
timeout 150 python -m kernels.bench --ns 640 768 896 1024 --dtypes float32 --modes forward --repeats 3 --no-plots --no-progress --out $OUT/bench 2>&1 | grep -v "Warn\|warn" | tail -3
grep -A12 "^## forward" $OUT/bench/summary.md
echo "bench $(( $(date +%s) - start )) s"
timeout 260 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -6 | tee $OUT/gpu-tests.txt
echo "all $(( $(date +%s) - start )) s"
