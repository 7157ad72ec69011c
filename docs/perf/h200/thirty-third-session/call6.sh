#!/usr/bin/env bash
# Call 6: probe 154, fp32 4096's forward in 1 row of 16 warps and 2 rows of 16 warps against the
# rule (1 row, 8 warps) at M = 4096, 8192 and 65536 (probe 153: 2 x 16 1.4% faster at 16384-65536).
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 200 python docs/perf/h200/thirty-third-session/probe153.py --rows 4096 8192 65536 --ns 4096 --tiles 1x16 2x16 > $OUT/probe154.txt 2>&1
echo "rc $? probe $(( $(date +%s) - start )) s"
grep -v "Warn\|warn" $OUT/probe154.txt | tail -30
