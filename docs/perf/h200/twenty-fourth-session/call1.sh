#!/usr/bin/env bash
# Twenty-fourth session, call 1: probe 107 (prepared last session: clocks and addresses per
# measurement for the two speeds), probe 108 (register caps at 16-bit 2048/3072), then the
# forward's short rows through the harness. carry ["ab"].
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id,temperature.gpu --format=csv
D=docs/perf/h200/twenty-fourth-session
PYTHONPATH=.:ab timeout 200 python docs/perf/h200/twenty-third-session/prepared/probe107.py 2>&1 \
  | grep -v Warn | tee $OUT/probe107.txt
echo "probe107 done $(( $(date +%s) - start )) s"
PYTHONPATH=.:ab timeout 200 python $D/probe108.py 2>&1 | grep -v Warn | tee $OUT/probe108.txt
echo "probe108 done $(( $(date +%s) - start )) s"
timeout 100 python -m kernels.bench --modes forward --ns 256 512 --repeats 2 \
  --out $OUT/bench-short --no-plots --no-progress 2>&1 | tail -10
echo "all $(( $(date +%s) - start )) s"
