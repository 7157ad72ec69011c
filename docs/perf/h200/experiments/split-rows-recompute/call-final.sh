#!/usr/bin/env bash
# Session 9, H200: GPU tests, the full sweep, the wide backward rows, and the sweep's new variant.
export PYTHONPATH=.
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
git log --oneline -1 2>/dev/null
start=$(date +%s)
timeout 240 python -m pytest -q -x -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -4 | tee $OUT/tests.txt
echo "tests $(( $(date +%s) - start )) s"
timeout 200 python -m kernels.bench --out $OUT/sweep --no-progress 2>&1 | tail -2
echo "sweep $(( $(date +%s) - start )) s"
timeout 90 python -m kernels.bench --modes backward --providers triton torch torch_compile copy --ns 12288 14336 15360 16384 --repeats 2 --out $OUT/bwd-wide --no-progress --no-plots 2>&1 | tail -2
echo "wide $(( $(date +%s) - start )) s"
timeout 80 python -m kernels.bench.sweep_configs --quick --modes backward --dtypes bfloat16 --ns 16384 --no-host --out $OUT/sweep-configs 2>&1 | grep -v Warn | tail -12
tar czf $OUT/session9.tgz -C $OUT . 2>/dev/null
ls $OUT
