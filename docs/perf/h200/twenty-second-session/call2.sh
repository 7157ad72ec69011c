#!/usr/bin/env bash
# Call 2 (twenty-second session): the GPU's identity, probe 93, then the GPU tests on 8301939.
# From the repository root, carry ["ab"] (ab/probe7.py, ab/kernels_head).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id,clocks.max.sm,clocks.max.mem,power.limit,temperature.gpu --format=csv
git log --oneline -1
PYTHONPATH=.:ab:docs/perf/h200/twenty-first-session timeout 240 \
  python docs/perf/h200/twenty-second-session/probe93.py 2>&1 | grep -v Warn | tee $OUT/probe93.txt
echo "probe93 $(( $(date +%s) - start )) s"
timeout 200 python -m pytest -q -x tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -5 \
  | tee $OUT/gpu-tests-call2.txt
echo "all $(( $(date +%s) - start )) s"
