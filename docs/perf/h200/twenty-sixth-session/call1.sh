#!/usr/bin/env bash
# Twenty-sixth session, call 1 (the twenty-fifth session's prepared next call, extended): the GPU
# tests with flush_l2; probe 122 (streamed forward rows: l2_hints on/off and the whole row, under
# flush_l2); N = 65536 through the harness CLI under flush_l2.
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
git log --oneline -1
timeout 300 python -m pytest -q -p no:cacheprovider tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -6 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
PYTHONPATH=. timeout 200 python docs/perf/h200/twenty-sixth-session/probe122.py 2>&1 | grep -v Warn | tee $OUT/probe122.txt
echo "probe $(( $(date +%s) - start )) s"
timeout $(( 585 - $(date +%s) + start )) python -m kernels.bench --ns 65536 --modes forward backward --no-progress --no-plots --out $OUT/n65536 2>&1 | grep -v Warn | tail -25
echo "all $(( $(date +%s) - start )) s"
