"""Offline (sm_90, Triton 3.6, no GPU): for every H200 exact-chunk equal-lanes forward config of
5120-32768 columns, how many of its pass-1 chunk loads (LDG.E.EL) come before the first
floating-point instruction. Run at 10f12a7 (the one load in); output in load-scan.txt.
  PYTHONPATH=.:docs/perf/h200/twenty-first-session python docs/perf/h200/twenty-first-session/load_scan.py
"""
import re, torch, sass_conf as s
sizes = {"fp16": torch.float16, "bf16": torch.bfloat16, "fp32": torch.float32}
import triton
orig = triton.compile
cap = {"v": 0}
def comp(src, target=None, options=None):
    return orig(src, target=target, options={**options, **({"maxnreg": cap["v"]} if cap["v"] else {})})
s.triton.compile = comp
for d in ("fp16", "bf16", "fp32"):
    for n in range(5120, 32769, 1024):
        c = s.cfg.forward_config(n, sizes[d], "H200")
        if not (c.lane_stats and c.num_chunks > 1 and c.equal_lanes and c.block_n * c.num_chunks == n):
            continue
        cap["v"] = c.max_registers
        line, ops, f = s.comp(d, n, c)
        ins = [l for l in open(f) if re.match(r"\s*/\*[0-9a-f]{4}\*/", l)]
        first_fp = next(i for i, l in enumerate(ins) if re.search(r"\b(FADD|HADD2|FFMA|FMUL)\b", l))
        el = [i for i, l in enumerate(ins) if "LDG.E.EL" in l]
        early = sum(1 for i in el if i < first_fp)
        print(d, n, f"{c.block_n}x{c.num_chunks} w{c.num_warps}", line.split()[0], f"EL loads {len(el)}, before arithmetic {early}", flush=True)
