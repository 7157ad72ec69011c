#!/usr/bin/env bash
# Session 14, H200, call 5 (the last ~4 minutes of device time): probe 51, the forward at few rows.
PYTHONPATH=.:ab timeout 140 python docs/perf/h200/fourteenth-session/probe51.py 2>&1 | grep -v Warn | tee $OUT/probe51.txt
