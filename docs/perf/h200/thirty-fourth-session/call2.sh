#!/usr/bin/env bash
# Call 2 (+ experiment155.diff): probe 156 (the backward's time outside its kernels against a
# copy's; its drain by SM or by rows); inductor's fp32 forward kernels at 65536 rows again, its
# generated code flattened so that it comes back.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
git apply docs/perf/h200/thirty-third-session/prepared/experiment155.diff || exit 1
PYTHONPATH=. timeout 300 python docs/perf/h200/thirty-fourth-session/probe156.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe156.txt
echo "probe156 $(( $(date +%s) - start )) s"
git apply -R docs/perf/h200/thirty-third-session/prepared/experiment155.diff || exit 1
d=/tmp/inductor; rm -rf $d
PYTHONPATH=. timeout 200 python docs/perf/h200/thirty-fourth-session/inductor_kernel.py $d 2>&1 | grep -v "Warn\|warn" | tail -20 | tee $OUT/inductor.txt
mkdir -p $OUT/inductor-code
find $d/inductor-cache \( -name "*.py" -o -name "*.best_config" \) | while read f; do
  grep -q "triton" "$f" && cp "$f" "$OUT/inductor-code/$(basename "$f")"; done
find $d/triton-cache -name "*.json" | while read f; do cp "$f" "$OUT/inductor-code/$(basename $(dirname "$f"))-$(basename "$f")"; done
ls $OUT/inductor-code | head -50
echo "total $(( $(date +%s) - start )) s"
