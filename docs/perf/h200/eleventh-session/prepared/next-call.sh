#!/usr/bin/env bash
# Prepared in the eleventh session, NOT RUN (no device time left): the first GPU call of the next
# session. GPU tests on the final code (the backward's two-slice tails have not run on a GPU),
# then the harness bench between powers of two for the final forward rule (7dea36d; only
# 773fc2f's was benched) and the two-slice tails (16385-20480, including the unmeasured 16896
# and 17408). About 4-5 minutes on an H200. Run from the repository root:
#   bash docs/perf/h200/eleventh-session/prepared/next-call.sh
export PYTHONPATH=.
start=$(date +%s)
timeout 240 python -m pytest -q -x -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -4 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
timeout 150 python -m kernels.bench --modes forward --providers triton torch torch_compile copy --ns 5120 6144 9216 10240 11264 12288 18432 20480 22528 24576 --out $OUT/between-forward --no-progress --no-plots 2>&1 | tail -1
timeout 150 python -m kernels.bench --modes backward --providers triton torch torch_compile copy --ns 16384 16896 17408 18432 20480 22528 24576 --out $OUT/between-backward --no-progress --no-plots 2>&1 | tail -1
echo "bench $(( $(date +%s) - start )) s"
sed -n '/## forward/,$p' $OUT/between-forward/summary.md
sed -n '/## backward/,$p' $OUT/between-backward/summary.md
