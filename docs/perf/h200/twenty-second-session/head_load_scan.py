"""Offline (sm_90, Triton 3.6, no GPU): pass 1 as one load of the widest power of two of chunks
and a Welford loop over the rest ("head load", variants/head-load.diff, package ab/kernels_hl),
against the committed rules: registers, instructions and how many pass-1 chunk loads (LDG.E.EL)
come before the first floating-point instruction, at the widths whose pass 1 loops or pads.
  PKG=kernels_hl PYTHONPATH=.:ab:docs/perf/h200/twenty-first-session \
    python docs/perf/h200/twenty-second-session/head_load_scan.py   (PKG=kernels: the rules)
"""

import os
import re
from dataclasses import replace

import sass_conf as s
import torch

DT = {"fp16": torch.float16, "bf16": torch.bfloat16, "fp32": torch.float32}
POINTS = [("bf16", 9216), ("bf16", 11264), ("bf16", 18432), ("fp16", 22528), ("bf16", 40960),
          ("fp16", 49152), ("fp32", 11264), ("fp32", 22528), ("fp32", 24576), ("bf16", 10240),
          ("bf16", 24576)]

for d, n in POINTS:
    c = s.cfg.forward_config(n, DT[d], "H200")
    if os.environ.get("PKG") == "kernels_hl":  # the head load wherever pass 1 is not one load
        c = replace(c, equal_lanes=True, padded_load=True)
    line, ops, f = s.comp(d, n, c)
    ins = [x for x in open(f) if re.match(r"\s*/\*[0-9a-f]{4}\*/", x)]
    first_fp = next(i for i, x in enumerate(ins) if re.search(r"\b(FADD|HADD2|FFMA|FMUL)\b", x))
    el = [i for i, x in enumerate(ins) if "LDG.E.EL" in x]
    early = sum(1 for i in el if i < first_fp)
    print(d, n, f"{c.block_n}x{c.num_chunks} w{c.num_warps} one load {s.cfg.one_load_chunks(c)}",
          line.split()[0], f"{sum(ops.values())} instructions, EL loads {len(el)}, "
          f"before arithmetic {early}", flush=True)
