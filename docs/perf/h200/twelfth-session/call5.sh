#!/usr/bin/env bash
# Session 12, H200, call 5: the extended sweep (default and extra widths, latency shapes) on the
# final code, all four providers, both modes: the final table.
export PYTHONPATH=.
git log --oneline -1
timeout 420 python -m kernels.bench --extended --modes forward backward --providers triton torch torch_compile copy --out $OUT/extended --no-progress 2>&1 | tail -1
sed -n '/## forward/,$p' $OUT/extended/summary.md
