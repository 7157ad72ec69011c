#!/usr/bin/env bash
# Prepared in the twenty-ninth session, NOT RUN (its device time ran out). Probe 138: 16-bit
# backward rows of 5120/6144 columns split over two programs (slices of a block and a tail, or
# 2 x 4096) against the rule's padded 8192 block. Config-only variants (explicit BackwardConfigs),
# no diff. Offline (regs138.txt): the splits take 120-128 registers with 8 warps, so 2 programs
# a SM fit. If a split wins by more than the rounds' spread at 5120 and 6144: give 16-bit rows
# of 4097-6144 (8192's padded block) that split in config.py, extend the config test, log entry
# 73. About 2 minutes.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 400 python docs/perf/h200/twenty-ninth-session/prepared/probe138.py 2>&1 \
  | grep -v "Warn\|warn" | tee $OUT/probe138.txt
echo "probe 138 $(( $(date +%s) - start )) s"
