#!/usr/bin/env bash
# Twenty-eighth session, call 6: probe 132 (the streamed forward's pass 2 one chunk ahead).
# (Call 5 was probe 131, host_pieces.py, run as a one-line command.)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
PYTHONPATH=. timeout 420 python docs/perf/h200/twenty-eighth-session/probe132.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe132.txt
