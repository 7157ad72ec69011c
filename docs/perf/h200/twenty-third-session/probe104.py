"""Probe 104 (twenty-third session): 16-bit 512 at 2 rows and 1 warp (torch.compile's tile)
against the table's 4 rows and 2 warps, with the order of the measurements rotated each round.
Probes 99 and 103 (two VMs) had 2 rows and 1 warp 4-4.5% faster than the table's tile and level
with torch.compile; probe 100 (a third VM, two processes) 2-3% slower. In probes 99 and 103 it
was measured right after torch.compile's (or inductor's kernel's) measurement, in probe 100 after
a 1-row tile's: an order effect would show here as a time that follows the position.
Method: the harness's timer (probe7.med), checked first, 6 rounds, each in another rotation,
M = 4096; times per variant listed by round with the variant measured before it.
  PYTHONPATH=.:ab python docs/perf/h200/twenty-third-session/probe104.py
"""

from dataclasses import replace

import probe7
import torch
import torch.nn.functional as F

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

M = 4096
ROUNDS = 6


def point(dtype, n):
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    copy = h._copy_case("forward", M, n, dtype, torch.device("cuda"))
    tiles = {"rule": rule, "r2 w1": replace(rule, block_m=2, num_warps=1),
             "r4 w1": replace(rule, block_m=4, num_warps=1)}
    fns = {v: (lambda t=t: ln._forward(x, w, b, 1e-5, t, stats=False)[0]) for v, t in tiles.items()}
    fns["torch.compile"] = lambda: compiled(x, (n,), w, b, 1e-5)
    for v, f in fns.items():
        for _ in range(2):
            assert_close(f(), ref, tdt, v)
    fns["copy"] = copy.fn
    names = list(fns)
    res = {v: [] for v in names}
    for r in range(ROUNDS):
        order = names[r % len(names):] + names[: r % len(names)]
        prev = "-"
        for v in order:
            res[v].append((probe7.med(fns[v]) * 1e3, prev))
            prev = v
    cp = min(t for t, _ in res["copy"])
    print(f"== {dtype} {n}, copy {cp:.2f} us; the table's tile {rule.block_m} rows, {rule.num_warps} warps")
    for v in names:
        ts = [t for t, _ in res[v]]
        cells = "  ".join(f"{t:5.2f}({p[:7]})" for t, p in res[v])
        print(f"{dtype} {n} {v:14s} {min(ts):5.2f}-{max(ts):5.2f} us {cp / min(ts) * 100:5.1f}%  {cells}",
              flush=True)
    torch.cuda.empty_cache()


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    for dtype, n in (("float16", 512), ("bfloat16", 512)):
        point(dtype, n)
