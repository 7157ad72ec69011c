#!/usr/bin/env bash
# Prepared in the eighteenth session, NOT RUN (no device time left). About 3 minutes on an H200.
# 1. Probe 73: the lagged exchange's poll issued early. Its candidate is a patch: make a copy of
#    the package named kernels_early under ab/ and apply early-poll/early-poll.diff to it (made
#    against f91af12's kernels/layernorm.py, unchanged since):
#      mkdir -p ab/kernels_early && cp kernels/*.py ab/kernels_early/ \
#        && patch ab/kernels_early/layernorm.py docs/perf/h200/eighteenth-session/early-poll/early-poll.diff
# 2. Probe 74: reductions against the exchange proper, one config.
# From the repository root, with ab/probe7.py (carry ["ab"]).
start=$(date +%s)
PYTHONPATH=.:ab timeout 200 python docs/perf/h200/eighteenth-session/probe73.py 2>&1 \
  | grep -v Warn | tee $OUT/probe73.txt
PYTHONPATH=.:ab timeout $(( 580 - $(date +%s) + start )) python \
  docs/perf/h200/eighteenth-session/prepared/probe74.py 2>&1 | grep -v Warn | tee $OUT/probe74.txt
echo "all $(( $(date +%s) - start )) s"
