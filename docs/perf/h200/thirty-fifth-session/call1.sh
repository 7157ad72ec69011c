#!/usr/bin/env bash
# Call 1 (e440351): the thirty-fourth session's prepared probes, one after the other:
# probe 161 (the whole-row forward's statistics in one reduction) and probe 162 (the
# forward's programs stamped with %globaltimer).
start=$(date +%s)
P=docs/perf/h200/thirty-fourth-session/prepared
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
git apply $P/experiment161.diff || exit 1
PYTHONPATH=. timeout 240 python $P/probe161.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe161.txt
echo "probe161 $(( $(date +%s) - start )) s"
git apply -R $P/experiment161.diff || exit 1
git apply $P/experiment162.diff || exit 1
PYTHONPATH=. timeout 200 python $P/probe162.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe162.txt
echo "total $(( $(date +%s) - start )) s"
