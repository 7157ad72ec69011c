#!/usr/bin/env bash
# Call 7: probe 72 (the exchange's round trip against the waiting).
PYTHONPATH=.:ab timeout 240 python docs/perf/h200/eighteenth-session/probe72.py 2>&1 \
  | grep -v Warn | tee $OUT/probe72.txt
