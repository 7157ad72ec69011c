#!/usr/bin/env bash
# Prepared in the fourteenth session, NOT RUN (no device time left): probe 52 (A: the
# persistent row loop walking its rows strided against contiguous; C: our backward walking
# strided, with strided-walk.diff applied to the device's copy of the tree only; B: the fitted
# few-rows tiles at M = 128-2048, forward and backward, with torch.compile). About 7 minutes on
# an H200. Needs ab/probe7.py (copy it from docs/perf/h100/experiments/short-rows-and-groups/)
# and carry ["ab"]. From the repository root:
#   bash docs/perf/h200/fourteenth-session/prepared/next-call.sh
here=docs/perf/h200/fourteenth-session
PYTHONPATH=.:ab:$here timeout 100 python $here/prepared/probe52.py A 2>&1 | grep -v Warn | tee $OUT/probe52-A.txt
git apply $here/prepared/strided-walk.diff \
  && PYTHONPATH=.:ab:$here timeout 150 python $here/prepared/probe52.py C 2>&1 | grep -v Warn | tee $OUT/probe52-C.txt
git apply -R $here/prepared/strided-walk.diff
PYTHONPATH=.:ab:$here timeout 330 python $here/prepared/probe52.py B 2>&1 | grep -v Warn | tee $OUT/probe52-B.txt
