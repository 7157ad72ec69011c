#!/usr/bin/env bash
# Twenty-sixth session, call 2 (another VM): the fixed flush_l2 test on the GPU; probe 123 (the
# whole row against the streamed rule at 8192 and 16384, under flush_l2).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
timeout 120 python -m pytest -q -p no:cacheprovider tests/test_harness.py -k flush_l2 2>&1 | tail -2 | tee $OUT/gpu-test-flush.txt
PYTHONPATH=. timeout 400 python docs/perf/h200/twenty-sixth-session/probe123.py 2>&1 | grep -v Warn | tee $OUT/probe123.txt
echo "all $(( $(date +%s) - start )) s"
