#!/usr/bin/env bash
# Session 10, H200, call 4: the main job, nox -s bench, as the GPU runner runs it (no venvs).
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
  && export PYTHONPATH=/tmp/site PATH=/tmp/site/bin:$PATH
git log --oneline -1
start=$(date +%s)
timeout 550 nox --no-venv --no-install -s bench > $OUT/nox-bench.log 2>&1
echo "nox rc=$? after $(( $(date +%s) - start )) s"
tail -60 $OUT/nox-bench.log
tar czf $OUT/bench-out.tgz bench-out .asv/results 2>/dev/null
ls -la $OUT
