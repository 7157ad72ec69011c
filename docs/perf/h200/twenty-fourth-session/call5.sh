#!/usr/bin/env bash
# Twenty-fourth session, call 5: probe 112 (the committed caps against no cap), the GPU tests on
# the capped table, then the 16-bit forward at 2048-3584 through the harness. carry ["ab"].
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
D=docs/perf/h200/twenty-fourth-session
PYTHONPATH=.:ab:$D timeout 240 python $D/probe112.py 2>&1 | grep -v Warn | tee $OUT/probe112.txt
echo "probe112 done $(( $(date +%s) - start )) s"
timeout 260 python -m pytest -q -x tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -4 \
  | tee $OUT/gpu-tests.txt
echo "tests done $(( $(date +%s) - start )) s"
timeout 80 python -m kernels.bench --modes forward --dtypes float16 bfloat16 --ns 2048 3072 3584 \
  --out $OUT/bench-caps --no-plots --no-progress 2>&1 | tail -8
echo "all $(( $(date +%s) - start )) s"
