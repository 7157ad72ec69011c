"""Probe 106 (twenty-third session): the short rows at 1 warp with and without the parameters
loaded first, beside inductor's kernel at its tile. Offline (sm_90), ours at fp32 256 in 4
rows of 1 warp issues all 8 of x's loads before the first reduction only without
params_first (as inductor's kernel does); with it (the table's setting at fp32 256), 6. Probe
100 timed that tile with params_first flipped once per process (6.91-6.94 us against the
table's 6.88-7.04). Prediction: fp32 256 at 4 rows of 1 warp without params_first as fast as
inductor's kernel (6.82 in probes 103 and 105), 1-2% under the table's tile; 16-bit 256 and
fp32 512 at inductor's tiles level with their table tiles (probe 100).
Method as probe 104: the harness's timer, checked first, 6 rounds in rotated orders, M = 4096.
  PYTHONPATH=.:ab python docs/perf/h200/twenty-third-session/probe106.py
"""

import os
import sys
from dataclasses import replace

import probe7
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from inductor_like import inductor_layer_norm  # noqa: E402

from kernels import config as cfg  # noqa: E402
from kernels import layernorm as ln  # noqa: E402
from kernels.bench import harness as h  # noqa: E402
from kernels.reference import assert_close, layer_norm_reference  # noqa: E402

M = 4096
ROUNDS = 6
# (dtype, N, inductor's rows, ours: name -> (rows, warps, params_first))
POINTS = [
    ("float32", 256, 4, {"r4 w1": (4, 1, False), "r4 w1 pf": (4, 1, True), "r4 w2": (4, 2, False)}),
    ("float16", 256, 4, {"r4 w1": (4, 1, False), "r4 w1 pf": (4, 1, True)}),
    ("float32", 512, 2, {"r2 w1": (2, 1, False), "r2 w1 pf": (2, 1, True)}),
]


def point(dtype, n, rows, tiles):
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)

    def inductor():
        y = torch.empty_like(x)
        inductor_layer_norm[(M // rows,)](x, w, b, y, M, n, R0_BLOCK=n, XBLOCK=rows, num_warps=1)
        return y

    fns = {"table": lambda: ln._forward(x, w, b, 1e-5, rule, stats=False)[0]}
    for name, (bm, warps, pf) in tiles.items():
        t = replace(rule, block_m=bm, num_warps=warps, params_first=pf)
        fns[name] = lambda t=t: ln._forward(x, w, b, 1e-5, t, stats=False)[0]
    fns[f"inductor's r{rows} w1"] = inductor
    fns["torch.compile"] = lambda: compiled(x, (n,), w, b, 1e-5)
    for v, f in fns.items():
        for _ in range(2):
            assert_close(f(), ref, tdt, v)
    names = list(fns)
    res = {v: [] for v in names}
    for r in range(ROUNDS):
        k = r % len(names)
        for v in names[k:] + names[:k]:
            res[v].append(probe7.med(fns[v]) * 1e3)
    print(f"== {dtype} {n}: table {rule.block_m} rows {rule.num_warps} warps, "
          f"params_first {rule.params_first}")
    for v in names:
        ts = res[v]
        cells = " ".join(f"{t:5.2f}" for t in ts)
        print(f"{dtype} {n} {v:20s} {min(ts):5.2f}-{max(ts):5.2f} us  rounds: {cells}", flush=True)
    torch.cuda.empty_cache()


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    for args in POINTS:
        point(*args)
