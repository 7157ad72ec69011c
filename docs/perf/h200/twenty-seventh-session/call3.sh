#!/usr/bin/env bash
# Twenty-seventh session, call 3: the targets that the main job's sweep leaves out, on
# the current kernels (fa858da's, flush_l2): the extended sweep (N = 768, 1536, 5120, 12288,
# 65536 and the latency shapes (1, 4096), (64, 4096) beside the 256-32768 sweep; forward and
# backward, one repeat), then host cost and peak memory.
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
export PYTHONUNBUFFERED=1
set -o pipefail
timeout 420 python -m kernels.bench --extended --modes forward backward --no-plots --no-progress \
  --out $OUT/extended 2>&1 | tail -n 120 > $OUT/extended.log
echo "bench rc=$? after $(( $(date +%s) - start )) s"
timeout 120 python -m kernels.bench.sweep_configs --host-only --out $OUT/host 2>&1 | tee $OUT/host-memory.txt
echo "host rc=$? after $(( $(date +%s) - start )) s"
ls -R $OUT
