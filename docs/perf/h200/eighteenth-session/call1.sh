#!/usr/bin/env bash
# Call 1 (eighteenth session): the seventeenth session's prepared call as it was, at a78eff2.
bash docs/perf/h200/seventeenth-session/prepared/next-call.sh
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.max.mem --format=csv | tee $OUT/gpu.txt
