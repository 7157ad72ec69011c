"""Offline (sm_90, Triton 3.6, no GPU): registers, stack (spills) and instructions of the H200
rule's whole-row forward configs under register caps (maxnreg 0 = none, 64, 48, 40, 32).
Output in register-caps.txt (run at 67f1a15).
  PYTHONPATH=.:docs/perf/h200/twenty-first-session python docs/perf/h200/twenty-first-session/register_caps.py
"""
import torch, triton, sass_conf as s
from dataclasses import replace
orig = triton.compile
cap = {"v": 0}
def comp(src, target=None, options=None):
    return orig(src, target=target, options={**options, **({"maxnreg": cap["v"]} if cap["v"] else {})})
s.triton.compile = comp
T = {"fp16": torch.float16, "bf16": torch.bfloat16, "fp32": torch.float32}
for d, n in (("bf16", 4096), ("fp16", 4096), ("bf16", 2048), ("fp32", 2048), ("fp32", 4096), ("fp32", 32768), ("bf16", 3072)):
    c = s.cfg.forward_config(n, T[d], "H200")
    for v in (0, 64, 48, 40, 32):
        cap["v"] = v
        line, ops, f = s.comp(d, n, c)
        print(d, n, f"m{c.block_m} w{c.num_warps}", "cap", v, line.split("SHARED")[0], sum(ops.values()), flush=True)
