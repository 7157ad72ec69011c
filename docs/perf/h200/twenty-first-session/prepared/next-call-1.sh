#!/usr/bin/env bash
# Prepared in the twenty-first session, NOT RUN (no device time left).
# The GPU's identity (entry 47: VMs disagreed on 16-bit 2048/4096's warps), probe 89 (4 or 8
# warps at 16-bit 2048/4096), probe 91 (equal lanes, one load, in the rows wider than 32768)
# and probe 92 (the one load padded, for chunk counts that are not powers of two). 3-5 minutes.
# From the repository root, with ab/probe7.py (carry ["ab"]).
start=$(date +%s)
nvidia-smi --query-gpu=uuid,serial,pci.bus_id,clocks.max.sm,clocks.max.mem,power.limit,temperature.gpu,vbios_version --format=csv
PYTHONPATH=.:ab timeout 100 python docs/perf/h200/twenty-first-session/probe89.py 2>&1 \
  | grep -v Warn | tee $OUT/probe89.txt
PYTHONPATH=.:ab timeout 200 python docs/perf/h200/twenty-first-session/prepared/probe91.py 2>&1 \
  | grep -v Warn | tee $OUT/probe91.txt
# probe 92 needs ab/kernels_pad, made before the call: cp -r kernels ab/kernels_pad, then
# patch ab/kernels_pad/layernorm.py < docs/perf/h200/twenty-first-session/variants/padded-one-load.diff
# (the diff also renames its torch.library namespace to kernels_pad::).
PYTHONPATH=.:ab:docs/perf/h200/twenty-first-session timeout 200 \
  python docs/perf/h200/twenty-first-session/prepared/probe92.py 2>&1 \
  | grep -v Warn | tee $OUT/probe92.txt
echo "all $(( $(date +%s) - start )) s"
