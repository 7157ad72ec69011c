#!/usr/bin/env bash
# Session 10, H200, call 3: GPU tests, probe 25 (new vs HEAD), backward between powers of two.
export PYTHONPATH=.
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
start=$(date +%s)
timeout 250 python -m pytest -q -x -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -4 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
timeout 150 python ab/probe25.py bfloat16:1024 bfloat16:4096 bfloat16:8192 bfloat16:16384 float32:4096 float32:8192 float32:16384 float32:32768 bfloat16:12288 float32:12288 2>&1 | grep -v Warn > $OUT/probe25.txt
grep -v "^  " $OUT/probe25.txt | grep -v "^backward.*copy"
echo "probe $(( $(date +%s) - start )) s"
timeout 170 python -m kernels.bench --modes backward --providers triton torch torch_compile copy --ns 8704 9216 10240 11264 12288 13312 14336 --out $OUT/between --no-progress --no-plots 2>&1 | tail -2
echo "between $(( $(date +%s) - start )) s"
cat $OUT/between/summary.md 2>/dev/null | head -60
