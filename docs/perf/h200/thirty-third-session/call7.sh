#!/usr/bin/env bash
# Call 7 (fp32 4096 forward in 2 rows of 16 warps from 16384 rows on): the new GPU test, probe 154
# again on another VM (the old tile as 1x8 against 2x16; "rule" is now the new one from 16384 rows
# on), and the CLI at 65536 rows.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
timeout 90 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py -k "many_rows" 2>&1 | tail -2 | tee $OUT/tests.txt
PYTHONPATH=. timeout 120 python docs/perf/h200/thirty-third-session/probe153.py --rows 8192 16384 65536 --ns 4096 --tiles 1x8 2x16 > $OUT/probe154b.txt 2>&1
echo "rc $? probe $(( $(date +%s) - start )) s"
grep -v "Warn\|warn" $OUT/probe154b.txt | tail -10
timeout 90 python -m kernels.bench --rows 65536 --ns 4096 --dtypes float32 --modes forward --providers triton torch_compile copy --no-plots --no-progress --out $OUT/cli > $OUT/cli.txt 2>&1
echo "rc $? cli $(( $(date +%s) - start )) s"
grep -v "Warn\|warn" $OUT/cli.txt | tail -8
