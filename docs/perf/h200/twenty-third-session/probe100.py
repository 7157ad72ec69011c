"""Probe 100 (twenty-third session): one-warp tiles for the short rows. Probe 99 found that
torch.compile runs 16-bit 512 as 2 rows a program with 1 warp, and our kernel at that tile
matched it (6.82 against 6.78 us, fp16; the table's 4 rows and 2 warps 7.14). No earlier probe
tried 1 warp (probe 7: 2-16). Here every tile of 1-8 rows with 1-2 warps (4 at 1024), at most
64 elements a thread, beside the table's tile and torch.compile, at N = 256, 512, 1024 for the
three dtypes; the table's parameters-first setting, and r2/r4 one-warp tiles with it flipped.
Prediction: 16-bit 512 one warp 4-5% less time (probe 99); 256 and 1024 unknown.
Method as probes 63-99 (probe7.run_point: checked, 3 interleaved rounds, % of copy), M = 4096.
  PYTHONPATH=.:ab python docs/perf/h200/twenty-third-session/probe100.py
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
POINTS = [(d, n) for n in (256, 512, 1024) for d in ("float16", "bfloat16", "float32")]


def forward(dtype, n):
    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    print(f"forward {dtype} {n}: {rule}", flush=True)
    tiles = {"rule": rule}
    for rows in (1, 2, 4, 8):
        for warps in (1, 2, 4) if n >= 1024 else (1, 2):
            if rows * n <= 64 * 32 * warps and (rows, warps) != (rule.block_m, rule.num_warps):
                tiles[f"r{rows} w{warps}"] = replace(rule, block_m=rows, num_warps=warps)
    for rows in (2, 4):
        if f"r{rows} w1" in tiles:
            tiles[f"r{rows} w1 pf flip"] = replace(tiles[f"r{rows} w1"], params_first=not rule.params_first)
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    fns = {v: (lambda t=t: ln._forward(x, w, b, 1e-5, t, stats=False)[0]) for v, t in tiles.items()}
    fns["torch.compile"] = lambda: compiled(x, (n,), w, b, 1e-5)

    def check(v):
        for _ in range(2):
            assert_close(fns[v](), ref, tdt, v)

    probe7.run_point("forward", dtype, n, fns, lambda v: fns[v](), check)


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    for dtype, n in POINTS:
        forward(dtype, n)
