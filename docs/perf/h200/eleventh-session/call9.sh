#!/usr/bin/env bash
# Session 11, H200, call 9: probes 29 (lane stats, streamed forward), 30 (split backward rows
# of two blocks), 31 (inductor's forward kernels between powers of two).
export PYTHONPATH=.
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
start=$(date +%s)
timeout 250 python ab/probe29.py bfloat16:9216 bfloat16:10240 bfloat16:12288 bfloat16:20480 bfloat16:24576 float16:20480 float32:10240 float32:65536 bfloat16:65536 2>&1 | grep -v Warn > $OUT/probe29.txt
echo "probe29 $(( $(date +%s) - start )) s"; grep -v "^  " $OUT/probe29.txt
timeout 200 python ab/probe30.py bfloat16:18432 bfloat16:20480 bfloat16:22528 bfloat16:24576 float16:20480 float32:20480 float32:24576 2>&1 | grep -v Warn > $OUT/probe30.txt
echo "probe30 $(( $(date +%s) - start )) s"; grep -v "^  " $OUT/probe30.txt
TORCHINDUCTOR_CACHE_DIR=$OUT/inductor timeout 100 python ab/probe31.py bfloat16:10240 bfloat16:20480 float32:10240 2>&1 | grep -v Warn | tee $OUT/probe31.txt
find $OUT/inductor -name "*.best_config" | head -20 | xargs -I{} sh -c 'echo {}; cat {}; echo'
find $OUT/inductor -type f \( -name "*.so" -o -name "*.cubin" -o -name "*.ptx" -o -name "*.llir" -o -name "*.ttgir" -o -name "*.ttir" -o -name "*.hsaco" -o -name "*.json" \) ! -name "*.best_config" -delete 2>/dev/null
echo "done $(( $(date +%s) - start )) s"
