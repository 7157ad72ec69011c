#!/usr/bin/env bash
export PYTHONPATH=.
timeout 400 python ab/probe15.py 2>&1 | grep -v Warn | tee $OUT/probe15.txt
