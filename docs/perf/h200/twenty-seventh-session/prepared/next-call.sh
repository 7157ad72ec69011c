#!/usr/bin/env bash
# Prepared in the twenty-seventh session; run as is in the twenty-eighth (its call 1, log entries 64-65).
# Probe 126: backward rows of 4097-6144 columns as a 4096 block and a tail on the H200
# (BWD_HALF_BLOCK_TAILS, in half-block-tails.diff, applied here on the device's copy only), then
# the GPU tests with that rule. If the probe keeps it, apply the diff in the repo too (it carries
# its configs' test) and record the probe's table in log entry 64. Then probe 127: the
# forward's streamed rows between powers of two (5120, 6144, 12288) against one padded whole
# row under flush_l2 (no code change needed). About 8 minutes in all.
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
export PYTHONUNBUFFERED=1
d=docs/perf/h200/twenty-seventh-session/prepared
git apply $d/half-block-tails.diff || exit 1
PYTHONPATH=. timeout 250 python $d/probe126.py 2>&1 | grep -v Warn | tee $OUT/probe126.txt
echo "probe 126 $(( $(date +%s) - start )) s"
PYTHONPATH=. timeout 150 python $d/probe127.py 2>&1 | grep -v Warn | tee $OUT/probe127.txt
echo "probe 127 $(( $(date +%s) - start )) s"
timeout 240 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -8 | tee $OUT/gpu-tests.txt
echo "all $(( $(date +%s) - start )) s"
