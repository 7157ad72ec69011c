#!/usr/bin/env bash
# Prepared in the twenty-second session, NOT RUN: the GPU's identity, probe 98 (the head load),
# probe 99 (torch.compile's short-row tile), then the new widths through the harness (the bench's
# sweep has only powers of two). About 4-6 minutes. From the repository root, carry ["ab"]:
# ab/probe7.py and ab/kernels_hl, made first with
# python docs/perf/h200/twenty-second-session/variants/make_head_load.py
# (variants/head-load.diff shows its edits).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id,temperature.gpu --format=csv
PYTHONPATH=.:ab timeout 200 python docs/perf/h200/twenty-second-session/prepared/probe98.py 2>&1 \
  | grep -v Warn | tee $OUT/probe98.txt
PYTHONPATH=.:ab timeout 150 python docs/perf/h200/twenty-second-session/prepared/probe99.py 2>&1 \
  | grep -v Warn | tee $OUT/probe99.txt
timeout 200 python -m kernels.bench --modes forward --ns 256 10240 20480 24576 57344 \
  --out $OUT/bench-new-widths --no-plots --no-progress 2>&1 | tail -20
echo "all $(( $(date +%s) - start )) s"
