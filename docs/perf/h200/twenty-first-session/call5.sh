#!/usr/bin/env bash
# Call 5 (twenty-first session): probe 89, then the main job, nox -s bench, as the GPU runner
# runs it (no venvs; nox and asv from ../shared/gpu-wheels.sh's wheels). Carry [".whl", "ab"].
start=$(date +%s)
PYTHONPATH=.:ab timeout 100 python docs/perf/h200/twenty-first-session/probe89.py 2>&1 \
  | grep -v Warn | tee $OUT/probe89.txt
echo "probe $(( $(date +%s) - start )) s"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
  && export PYTHONPATH=/tmp/site PATH=/tmp/site/bin:$PATH
git log --oneline -1
timeout 450 nox --no-venv --no-install -s bench > $OUT/nox-bench.log 2>&1
echo "nox rc=$? after $(( $(date +%s) - start )) s"
tail -45 $OUT/nox-bench.log
mkdir -p $OUT/nox-bench
cp bench-out/sweep/summary.md bench-out/sweep/results.csv bench-out/sweep/machine.json $OUT/nox-bench/ 2>/dev/null
cp .asv/results/*/*.json $OUT/nox-bench/ 2>/dev/null
ls $OUT/nox-bench
