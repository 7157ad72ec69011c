#!/usr/bin/env bash
# Twenty-sixth session, call 3: the main job, nox -s bench, as the GPU runner runs it (no venvs;
# nox and asv from ../shared/gpu-wheels.sh's wheels), with flush_l2, one copy a point, and the
# 8192-wide forward rows whole (probes 122-123). The sweep's modes are forward and
# backward (forward_backward left out to fit a 10-minute call). Carry [".whl"].
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
  && export PYTHONPATH=/tmp/site PATH=/tmp/site/bin:$PATH
git log --oneline -1
timeout 575 nox --no-venv --no-install -s bench -- --modes forward backward > $OUT/nox-bench.log 2>&1
echo "nox rc=$? after $(( $(date +%s) - start )) s"
tail -45 $OUT/nox-bench.log
mkdir -p $OUT/nox-bench
cp bench-out/sweep/summary.md bench-out/sweep/results.csv bench-out/sweep/machine.json $OUT/nox-bench/ 2>/dev/null
cp bench-out/pytest-benchmark.json $OUT/nox-bench/ 2>/dev/null
cp .asv/results/*/*.json $OUT/nox-bench/ 2>/dev/null
ls $OUT/nox-bench
