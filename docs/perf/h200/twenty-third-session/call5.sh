#!/usr/bin/env bash
# Twenty-third session, call 5: probe 103 (torch.compile's short rows: code or launch?), then
# the GPU tests on d38e037's kernels (its one masked form of the one load was compiled offline
# only). From the repository root, carry ["ab"] (ab/probe7.py).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id,temperature.gpu --format=csv
PYTHONPATH=.:ab timeout 150 python docs/perf/h200/twenty-third-session/probe103.py 2>&1 \
  | grep -v Warn | tee $OUT/probe103.txt
echo "probe $(( $(date +%s) - start )) s"
git log --oneline -1
timeout 300 python -m pytest -q tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -5 \
  | tee $OUT/gpu-tests-call5.txt
echo "all $(( $(date +%s) - start )) s"
