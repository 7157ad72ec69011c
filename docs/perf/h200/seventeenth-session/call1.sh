#!/usr/bin/env bash
# Session 17, H200, call 1: probe 63 (fence-free exchange against HEAD's counter), the GPU tests
# on the candidate, then probe 62 (prepared in the sixteenth session). Carry ["ab"] (probe7.py and
# kernels_head/, HEAD's package: git archive HEAD kernels).
export PYTHONPATH=.:ab
here=docs/perf/h200/seventeenth-session
start=$(date +%s)
nvidia-smi --query-gpu=name,memory.total,clocks.max.sm --format=csv,noheader
python -c "import torch, triton; print(torch.__version__, triton.__version__)"
timeout 300 python $here/probe63.py 2>&1 | grep -v Warn | tee $OUT/probe63.txt
echo "probe63 $(( $(date +%s) - start )) s"
PYTHONPATH=. timeout 200 python -m pytest -q -x -p no:cacheprovider \
  tests/test_layer_norm.py tests/test_harness.py 2>&1 | tail -4 | tee $OUT/gpu-tests.txt
echo "tests $(( $(date +%s) - start )) s"
PYTHONPATH=. timeout $(( 585 - $(date +%s) + start )) python \
  docs/perf/h200/sixteenth-session/prepared/probe62.py 2>&1 | grep -v Warn | tee $OUT/probe62.txt
echo "all $(( $(date +%s) - start )) s"
