#!/usr/bin/env bash
# Call 5 (35c803a + probe 153): the fp32 forward's tiles with many rows, against torch.compile.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 330 python docs/perf/h200/thirty-third-session/probe153.py > $OUT/probe153.txt 2>&1
echo "rc $? probe $(( $(date +%s) - start )) s"
grep -v "Warn\|warn" $OUT/probe153.txt | tail -30
