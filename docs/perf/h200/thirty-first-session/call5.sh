#!/usr/bin/env bash
# Call 5: the main job, `nox -s bench -- --modes forward backward`, as the GPU runner runs it,
# stopped after the harness sweep and pytest-benchmark (~200 s); its asv part ran whole in
# call 4. Carry [".whl"].
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
  && export PYTHONPATH=/tmp/site PATH=/tmp/site/bin:$PATH
timeout 270 nox --no-venv --no-install -s bench -- --modes forward backward > $OUT/nox-bench.log 2>&1
echo "nox rc=$? after $(( $(date +%s) - start )) s"
grep -n "Elapsed\|passed\|failed\|error\|nox >" $OUT/nox-bench.log | head -20
mkdir -p $OUT/nox-bench
cp bench-out/sweep/summary.md bench-out/sweep/results.csv bench-out/sweep/machine.json $OUT/nox-bench/ 2>/dev/null
cp bench-out/pytest-benchmark.json $OUT/nox-bench/ 2>/dev/null
ls $OUT/nox-bench
