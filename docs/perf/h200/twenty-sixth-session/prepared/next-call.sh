#!/usr/bin/env bash
# Prepared in the twenty-sixth session, NOT RUN. From the repository root; carry [".whl"].
# The asv part of the main job, which call 3 could not finish in one 600 s call: asv run (its
# own 3-repeat sweep, then track_gbps and track_ms) and asv publish, with flush_l2. Expect asv
# to file the result under the VM's .git HEAD (the session start's commit), not the tree's.
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
  && export PYTHONPATH=/tmp/site PATH=/tmp/site/bin:$PATH
timeout 570 nox --no-venv --no-install -s asv-run asv-publish > $OUT/nox-asv.log 2>&1
echo "nox rc=$? after $(( $(date +%s) - start )) s"
tail -15 $OUT/nox-asv.log
cp .asv/results/*/*.json $OUT/ 2>/dev/null; ls $OUT
