#!/usr/bin/env bash
# Prepared in the sixteenth session, NOT RUN (no device time left): probe 62, the copy's fast state
# at 67 MB (log entry 42): buffer addresses and our forward on the copy's own buffers, before and
# after the torch_compile provider. About 1 minute on an H200. From the repository root:
#   bash docs/perf/h200/sixteenth-session/prepared/next-call.sh
PYTHONPATH=. timeout 120 python docs/perf/h200/sixteenth-session/prepared/probe62.py 2>&1 \
  | grep -v Warn | tee $OUT/probe62.txt
