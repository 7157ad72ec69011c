#!/usr/bin/env bash
# Call 3: inductor's generated fp32 forward kernels at 65536 rows (one tarball, so that they
# come back), then probe 157 (streamed fp32 rows against the rule and torch.compile).
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
export PYTHONUNBUFFERED=1
d=/tmp/inductor; rm -rf $d
PYTHONPATH=. timeout 200 python docs/perf/h200/thirty-fourth-session/inductor_kernel.py $d 2>&1 | grep -v "Warn\|warn" | tail -20 | tee $OUT/inductor.txt
mkdir -p /tmp/code
find $d/inductor-cache \( -name "*.py" -o -name "*.best_config" \) | while read f; do
  grep -q "triton" "$f" && cp "$f" "/tmp/code/$(basename "$f")"; done
find $d/triton-cache -name "*.json" | while read f; do cp "$f" "/tmp/code/$(basename $(dirname "$f"))-$(basename "$f")"; done
tar czf $OUT/inductor-code.tgz -C /tmp code
echo "inductor $(( $(date +%s) - start )) s"
PYTHONPATH=. timeout 330 python docs/perf/h200/thirty-fourth-session/probe157.py 2>&1 | grep -v "Warn\|warn" | tee $OUT/probe157.txt
echo "total $(( $(date +%s) - start )) s"
