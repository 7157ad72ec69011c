#!/usr/bin/env bash
# Prepared in the twenty-eighth session, NOT RUN (its device time ran out). Probe 133: pass 2
# with only the next chunk's x ahead (x-ahead.diff, applied here on the device's copy only)
# where the whole ahead load lost for registers, then the GPU tests with the diff. If x ahead
# wins somewhere: apply the diff in the repository, add its widths to FWD_PASS2_AHEAD (with
# params_ahead=False there), extend the config test, and record log entry 69. About 6 minutes.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
d=docs/perf/h200/twenty-eighth-session/prepared
git apply $d/x-ahead.diff || exit 1
PYTHONPATH=. timeout 200 python $d/probe133.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe133.txt
echo "probe 133 $(( $(date +%s) - start )) s"
timeout 300 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -8 | tee $OUT/gpu-tests.txt
echo "all $(( $(date +%s) - start )) s"
