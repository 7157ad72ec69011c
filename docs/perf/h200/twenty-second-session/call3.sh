#!/usr/bin/env bash
# Call 3 (twenty-second session): the GPU's identity and probe 94 (the backward with fewer
# instructions). From the repository root, carry ["ab"] (ab/probe7.py, ab/kernels_{d,bfd,bfde2,bfde2p}).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id,temperature.gpu --format=csv
PYTHONPATH=.:ab timeout 400 python docs/perf/h200/twenty-second-session/probe94.py 2>&1 \
  | grep -v Warn | tee $OUT/probe94.txt
echo "all $(( $(date +%s) - start )) s"
