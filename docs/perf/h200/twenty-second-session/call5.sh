#!/usr/bin/env bash
# Call 5 (twenty-second session): the GPU's identity, probe 95, the host-cost and peak-memory
# tables (sweep_configs --host-only), then the GPU tests on the final kernels.
# From the repository root, carry ["ab"] (ab/probe7.py, ab/kernels_head).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id,temperature.gpu --format=csv
PYTHONPATH=.:ab:docs/perf/h200/twenty-first-session timeout 120 \
  python docs/perf/h200/twenty-second-session/probe95.py 2>&1 | grep -v Warn | tee $OUT/probe95.txt
timeout 120 python -m kernels.bench.sweep_configs --host-only 2>&1 | grep -v Warn | tee $OUT/host-memory.txt
echo "probes $(( $(date +%s) - start )) s"
timeout 260 python -m pytest -q tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -5 \
  | tee $OUT/gpu-tests-call5.txt
echo "all $(( $(date +%s) - start )) s"
