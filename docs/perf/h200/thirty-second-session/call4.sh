#!/usr/bin/env bash
# Call 4: the backward sweep with the extended widths at a3486d2 (harness CLI, one repeat).
# (Call 3's 150 s limit cut this sweep before it printed: torch.compile compiles every shape.)
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
timeout 480 python -m kernels.bench --modes backward --extended --no-plots --no-progress --out $OUT/extended > $OUT/extended.txt 2>&1
echo "rc $? sweep $(( $(date +%s) - start )) s"
grep -v "Warn\|warn" $OUT/extended.txt | tail -70
