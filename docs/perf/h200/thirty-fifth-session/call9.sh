#!/usr/bin/env bash
# Call 9 (prepared, not run; one VM for both prepared probes): probe 168 (the split rule's
# exact config against the whole rows), then probe 169 (the whole-row statistics in one exact
# reduction) on experiment169.diff. About 4-5 minutes with torch.compile's compilations.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 150 python docs/perf/h200/thirty-fifth-session/probe168.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe168.txt
echo "probe168 $(( $(date +%s) - start )) s"
git apply docs/perf/h200/thirty-fifth-session/experiment169.diff || exit 1
PYTHONPATH=. timeout 400 python docs/perf/h200/thirty-fifth-session/probe169.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe169.txt
echo "total $(( $(date +%s) - start )) s"
