"""Probe 47 (prepared in the thirteenth session, NOT RUN): why bf16 runs behind fp16 in
8192-wide chunks with 32 warps and the lanes counted once (thirteenth session: 57344 64 against
76% of copy, 32768 86-90 against 92%). Offline (sm_90), bf16 8192 x 7 issues 3 of its 7 pass-1
loads before the first arithmetic with 34 registers, fp16 4 with 46; at 8192 x 4 both issue all
4 with 32 registers, yet 32768 differs too. Variants for both dtypes at 32768, 57344 and 65536:
the rule; 16 warps (counted once and carried); carried at 32 warps; no L2 hints; pass 2 last
chunk first. Prediction: if the schedule is the cause, bf16 carried with 16 warps (probe 43:
68 at 57344) and the rule differ only at 7 chunks; if bf16's conversions are (a shift and a
mask per element against fp16's cvt), bf16 stays behind in every variant.
Run from the repository root:
PYTHONPATH=.:ab:docs/perf/h200/thirteenth-session python <this file>"""

import dataclasses

import torch

from kernels import config as cfg
from kernels.bench import harness as h
from probe42 import forward

if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for n in (32768, 57344, 65536):
        for dtype in ("bfloat16", "float16"):
            rule = cfg.forward_config(n, h.torch_dtype(dtype), "H200")
            r = dataclasses.replace
            vs = {
                "rule": rule,
                "once w16": r(rule, num_warps=16),
                "carried w16": r(rule, num_warps=16, count_once=False),
                "carried w32": r(rule, count_once=False),
                "no L2 hints": r(rule, l2_hints=False),
                "pass 2 last chunk first": r(rule, in_order=False),
            }
            print(f"  {dtype} {n} rule: {rule}", flush=True)
            forward(dtype, n, vs)
