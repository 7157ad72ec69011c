"""Offline (Triton 3.6, sm_90, cuobjdump): why fp16 runs the 16-bit whole-row tiles slower than
bf16 (probes 108, 111-113: 2049-4095 in 2 rows of 8 warps 7-11% slower uncapped, level under
a 64 cap; 4096 in 1 row of 4 warps 2% slower). Per dtype, tile and cap: registers, spills,
instructions, and the order of global loads (L), first shuffle/barrier after loads (|) and
stores (S) (twenty-third session's load_order.py).
  PYTHONPATH=. python docs/perf/h200/twenty-fourth-session/fp16_bf16_sass.py   (a Triton 3.6 venv)
"""

import collections
import os
import re
import sys
from dataclasses import replace

import torch
import triton

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, "..", "twenty-first-session"),
                os.path.join(HERE, "..", "twenty-third-session")]
import sass_conf as S  # noqa: E402
from load_order import order  # noqa: E402

_compile = triton.compile
CAP = {"v": 0}


def capped(src, target=None, options=None):
    extra = {"maxnreg": CAP["v"]} if CAP["v"] else {}
    return _compile(src, target=target, options={**options, **extra})


S.triton.compile = capped
T = {"fp16": torch.float16, "bf16": torch.bfloat16}
for n, tiles in ((3072, ((2, 8, 0), (2, 8, 64))), (4096, ((1, 4, 0), (2, 8, 0)))):
    for dt in ("fp16", "bf16"):
        base = S.cfg.forward_config(n, T[dt], "H200")
        for bm, warps, cap in tiles:
            CAP["v"] = cap
            line, ops, path = S.comp(dt, n, replace(base, block_m=bm, num_warps=warps))
            top = collections.Counter({k: v for k, v in ops.items()}).most_common(8)
            print(f"{dt} {n} r{bm} w{warps} cap {cap}: {line.split('SHARED')[0].strip()} "
                  f"{sum(ops.values())} instr; {order(path)}")
            print(f"    {dict(top)}")
