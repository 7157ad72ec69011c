"""Probe 99 (prepared in the twenty-second session, NOT RUN): which tile torch.compile runs for
the short rows, and is it faster than ours at that tile? (Entry 49: at the same tiles inductor's
kernel and ours compile alike, offline, yet none of our tiles reached torch.compile's time.)
Prints torch's `_persistent_reduction_configs` for size hints (4096, 256) and (4096, 512) with
this GPU's properties (torch 2.13's code picks XBLOCK = min(1024 / r, 8) with one warp; the GPU
image has 2.11), the kernel source inductor generates, then times torch.compile beside ours
with the table's tile and with inductor's (rows, warps). Method as probes 63-97, M = 4096.
  PYTHONPATH=.:ab python docs/perf/h200/twenty-second-session/prepared/probe99.py
"""

import probe7
import torch
import torch.nn.functional as F
from torch._inductor.runtime import triton_heuristics as th
from torch._inductor.runtime.hints import DeviceProperties, ReductionHint
from torch._inductor.utils import run_and_get_code

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

M = 4096
POINTS = [("float16", 512), ("bfloat16", 512), ("float32", 256), ("float32", 512)]


def inductor_configs(n):
    props = DeviceProperties.create(torch.device("cuda"))
    meta = {"device": props, "signature": {}}
    return th._persistent_reduction_configs({"x": M, "r0_": n}, ReductionHint.INNER, {}, meta)


def forward(dtype, n):
    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    confs = inductor_configs(n)
    print(f"forward {dtype} {n}: inductor configs", [(c.kwargs, c.num_warps) for c in confs])
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    _, code = run_and_get_code(compiled, x, (n,), w, b, 1e-5)
    print("\n".join(line for line in code[0].splitlines() if "XBLOCK" in line or "num_warps" in line))
    rule = cfg.forward_config(n, tdt, "H200")
    fns = {
        "rule": lambda: ln._forward(x, w, b, 1e-5, rule, stats=False)[0],
        "torch.compile": lambda: compiled(x, (n,), w, b, 1e-5),
    }
    for c in confs:
        rows = c.kwargs.get("XBLOCK", 1)
        tile = cfg.ForwardConfig(n, 1, rows, c.num_warps, params_first=rule.params_first)
        fns[f"ours r{rows} w{c.num_warps}"] = lambda t=tile: ln._forward(x, w, b, 1e-5, t, stats=False)[0]

    def check(v):
        for _ in range(2):
            assert_close(fns[v](), ref, tdt, v)

    probe7.run_point("forward", dtype, n, fns, lambda v: fns[v](), check)


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    for dtype, n in POINTS:
        forward(dtype, n)
