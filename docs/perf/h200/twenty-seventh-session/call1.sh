#!/usr/bin/env bash
# Twenty-seventh session, call 1 (the twenty-sixth session's prepared/next-call.sh, plus the
# HTML site packed): the main job's asv part alone, with flush_l2, at fa858da. Carry [".whl"].
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
  && export PYTHONPATH=/tmp/site PATH=/tmp/site/bin:$PATH
git log --oneline -1
timeout 560 nox --no-venv --no-install -s asv-run asv-publish > $OUT/nox-asv.log 2>&1
echo "nox rc=$? after $(( $(date +%s) - start )) s"
tail -15 $OUT/nox-asv.log
cp .asv/results/*/*.json $OUT/ 2>/dev/null
tar czf $OUT/asv-html.tgz -C .asv html 2>/dev/null
ls -la $OUT
