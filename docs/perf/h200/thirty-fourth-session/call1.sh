#!/usr/bin/env bash
# Call 1 (6dc6ade + experiment155.diff): probe 155, the backward's kernels stamped with
# %globaltimer; then inductor's fp32 forward kernels at 65536 rows, timed beside ours.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
git apply docs/perf/h200/thirty-third-session/prepared/experiment155.diff || exit 1
PYTHONPATH=. timeout 200 python docs/perf/h200/thirty-third-session/prepared/probe155.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe155.txt
echo "probe155 $(( $(date +%s) - start )) s"
git apply -R docs/perf/h200/thirty-third-session/prepared/experiment155.diff || exit 1
PYTHONPATH=. timeout 240 python docs/perf/h200/thirty-fourth-session/inductor_kernel.py $OUT/inductor 2>&1 | grep -v "Warn\|warn" | tail -20 | tee $OUT/inductor.txt
find $OUT/inductor/triton-cache -name "*.ptx" -o -name "*.cubin" -o -name "*.so" -o -name "*.ttir" -o -name "*.ttgir" -o -name "*.llir" | xargs rm -f 2>/dev/null
echo "total $(( $(date +%s) - start )) s"
