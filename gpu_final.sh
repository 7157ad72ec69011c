#!/bin/bash
# Final validation on one GPU: tests, host cost, default and extended sweeps; one archive back.
set -u
R=/tmp/res; mkdir -p $R
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $R/gpu.txt
t0=$(date +%s)
timeout 240 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py > $R/tests.txt 2>&1; echo "tests rc=$? $(( $(date +%s)-t0 ))s"; tail -4 $R/tests.txt
timeout 90 python -m kernels.bench.sweep_configs --host-only > $R/host.txt 2>&1; echo "host rc=$? $(( $(date +%s)-t0 ))s"; tail -14 $R/host.txt
timeout 260 python -m kernels.bench --out $R/sweep > $R/sweep.log 2>&1; echo "sweep rc=$? $(( $(date +%s)-t0 ))s"
timeout ${TX:-150} python -m kernels.bench --extended --providers triton torch copy --modes forward backward --out $R/extended > $R/extended.log 2>&1; echo "extended rc=$? $(( $(date +%s)-t0 ))s"
tar czf $OUT/res.tgz -C $R .
