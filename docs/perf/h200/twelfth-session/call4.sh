#!/usr/bin/env bash
# Session 12, H200, call 4: GPU tests on 434ecef, then the harness bench of every point its
# rules changed (forward 5120/6144 16-bit and fp32 40960-65536; backward fp32 16400-18432).
export PYTHONPATH=.
start=$(date +%s)
timeout 330 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -4 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
timeout 120 python -m kernels.bench --modes forward --providers triton torch torch_compile copy --ns 5120 6144 40960 49152 65536 --out $OUT/forward --no-progress --no-plots 2>&1 | tail -1
timeout 90 python -m kernels.bench --modes backward --providers triton torch torch_compile copy --ns 16400 17408 18432 --out $OUT/backward --no-progress --no-plots 2>&1 | tail -1
echo "bench $(( $(date +%s) - start )) s"
sed -n '/## forward/,$p' $OUT/forward/summary.md
sed -n '/## backward/,$p' $OUT/backward/summary.md
