#!/usr/bin/env bash
# Call 6: probe 71 (the split rows' kernel without its wait).
PYTHONPATH=.:ab timeout 300 python docs/perf/h200/eighteenth-session/probe71.py 2>&1 \
  | grep -v Warn | tee $OUT/probe71.txt
