#!/usr/bin/env bash
# Session 12, H200, call 7: GPU tests of tests/test_layer_norm.py on the final rules (16-bit rows
# wider than 32768 in 8192-wide chunks), then the harness bench of the points they change.
export PYTHONPATH=.
start=$(date +%s)
timeout 240 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py 2>&1 | tail -2 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
timeout 100 python -m kernels.bench --modes forward --providers triton torch torch_compile copy --dtypes float16 bfloat16 --ns 40960 49152 57344 65536 --out $OUT/wide16 --no-progress --no-plots 2>&1 | tail -1
sed -n '/## forward/,$p' $OUT/wide16/summary.md
