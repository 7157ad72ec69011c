#!/usr/bin/env bash
# Twenty-fifth session, call 4: host cost and peak memory (sweep_configs --host-only; the
# twenty-fourth session's normalized_shape fast path had not run on a GPU VM), and the
# 65536-column forward and backward through the harness (copy twice a point), 2 repeats.
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
git log --oneline -1
timeout 120 python -m kernels.bench.sweep_configs --host-only --out $OUT/host 2>&1 | grep -v Warn | tee $OUT/host-and-memory.txt
echo "host $(( $(date +%s) - start )) s"
timeout 300 python -m kernels.bench --ns 65536 --modes forward backward --repeats 2 --no-progress --no-plots --out $OUT/n65536 2>&1 | grep -v Warn | tail -25
echo "all $(( $(date +%s) - start )) s"
