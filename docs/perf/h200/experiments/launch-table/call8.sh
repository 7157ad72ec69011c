#!/usr/bin/env bash
# H200: short-row forward tiles/warps beside torch.compile (probe 7's forward, seventh session).
export PYTHONPATH=.
timeout 280 python -c "
import sys, torch
sys.path.insert(0, 'ab')
torch._dynamo.config.recompile_limit = 1000
import probe7
print(torch.cuda.get_device_name(), flush=True)
for dtype, n in (('float32', 256), ('float32', 512), ('bfloat16', 256), ('bfloat16', 512), ('float16', 512), ('float16', 256)):
    probe7.forward(dtype, n)
" 2>&1 | grep -v Warn | tee $OUT/probe7-h200.txt
