#!/usr/bin/env bash
# Twenty-fifth session, call 8: probe 121 (the harness with flush_l2: the states of probe 120,
# then the default forward and backward sweep with both copies recorded), then the harness's
# GPU tests.
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
D=docs/perf/h200/twenty-fifth-session
PYTHONPATH=.:$D timeout 200 python $D/probe121.py 2>&1 | grep -v Warn | tee $OUT/probe121.txt
echo "probe121 $(( $(date +%s) - start )) s"
timeout 80 python -m pytest -q tests/test_harness.py 2>&1 | tail -3 | tee $OUT/gpu-tests-harness.txt
echo "all $(( $(date +%s) - start )) s"
