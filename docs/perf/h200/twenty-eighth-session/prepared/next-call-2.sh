#!/usr/bin/env bash
# Prepared in the twenty-eighth session, NOT RUN (its device time ran out). The forward's
# targets re-measured with FWD_PASS2_AHEAD in the rules (entry 68): the extended sweep, forward
# only (the non-powers of two, 65536, and N = 256-768 against torch.compile, last
# measured before the change), one repeat, flush_l2. About 4 minutes.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
set -o pipefail
timeout 500 python -m kernels.bench --extended --modes forward --no-plots --no-progress \
  --out $OUT/extended 2>&1 | tail -n 80 > $OUT/extended.log
echo "bench rc=$? after $(( $(date +%s) - start )) s"
