#!/usr/bin/env bash
# Call 4: the main job's asv part alone (`nox -s asv-run asv-publish`, as the GPU runner runs it:
# no venvs, nox and asv from ../shared/gpu-wheels.sh's wheels), at the session's final kernels.
# Carry [".whl"]. The rest of the main job (sweep, pytest-benchmark) is call 5.
start=$(date +%s)
nvidia-smi --query-gpu=uuid --format=csv,noheader | tee $OUT/gpu.txt
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
  && export PYTHONPATH=/tmp/site PATH=/tmp/site/bin:$PATH
git log --oneline -1
timeout 540 nox --no-venv --no-install -s asv-run asv-publish > $OUT/nox-asv.log 2>&1
echo "nox rc=$? after $(( $(date +%s) - start )) s"
tail -15 $OUT/nox-asv.log
cp .asv/results/*/*.json $OUT/ 2>/dev/null
ls -la $OUT
