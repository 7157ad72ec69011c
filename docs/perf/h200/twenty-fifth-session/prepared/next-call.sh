#!/usr/bin/env bash
# Prepared in the twenty-fifth session, NOT RUN. From the repository root; carry [".whl"].
# (1) The GPU tests with flush_l2 (about 200 s), (2) probe 122 (l2_hints with flush_l2, about
# 90 s). The main job with flush_l2 needs a call of its own (about 510 s, call2.sh's method:
# commit first, and expect asv to file it under the VM's .git HEAD).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
timeout 300 python -m pytest -q tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -6 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
PYTHONPATH=. timeout 240 python docs/perf/h200/twenty-fifth-session/prepared/probe122.py 2>&1 | grep -v Warn | tee $OUT/probe122.txt
echo "all $(( $(date +%s) - start )) s"
