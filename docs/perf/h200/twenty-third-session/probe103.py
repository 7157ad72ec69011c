"""Probe 103 (twenty-third session): at the short rows, is torch.compile's lead its kernel's
code or its launch? Probe 100: our kernel at inductor's tile (fp16/bf16 512: 2 rows, 1 warp)
7.26-7.42 us, torch.compile 6.69-6.88 (5%); offline the two compile alike (entry 49). Here, in
one process: torch.compile; inductor's kernel (inductor_like.py) launched by plain Triton; ours
at the same tile through kernels' launcher and through plain Triton (`kernel[grid]`); the
table's tile. If inductor's kernel is as slow as ours under Triton's launcher, the difference
is the launch (inductor's static launcher); if it is as fast as torch.compile, the code.
Method as probes 63-102 (probe7.run_point: checked, 3 interleaved rounds, harness timer).
  PYTHONPATH=.:ab python docs/perf/h200/twenty-third-session/probe103.py
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
POINTS = [("float16", 512, 2), ("bfloat16", 512, 2), ("float32", 256, 4), ("float16", 256, 4)]


def forward(dtype, n, rows):
    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    tile = replace(rule, block_m=rows, num_warps=1)
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)

    def inductor_kernel():
        y = torch.empty_like(x)
        inductor_layer_norm[(M // rows,)](x, w, b, y, M, n, R0_BLOCK=n, XBLOCK=rows, num_warps=1)
        return y

    def ours_plain():
        y = torch.empty_like(x)
        consts = ln._fwd_kernel_consts(tile, M, n, True, True, False)
        ln._fwd_kernel[(M // rows,)](x, y, w, b, y, y, x.stride(0), M, n, 1e-5, **consts, num_warps=1)
        return y

    fns = {
        "torch.compile": lambda: compiled(x, (n,), w, b, 1e-5),
        f"inductor's kernel r{rows} w1": inductor_kernel,
        f"ours r{rows} w1": lambda: ln._forward(x, w, b, 1e-5, tile, stats=False)[0],
        f"ours r{rows} w1 kernel[grid]": ours_plain,
        "ours rule": lambda: ln._forward(x, w, b, 1e-5, rule, stats=False)[0],
    }

    def check(v):
        for _ in range(2):
            assert_close(fns[v](), ref, tdt, v)

    print(f"forward {dtype} {n}: rule {rule.block_m} rows {rule.num_warps} warps", flush=True)
    probe7.run_point("forward", dtype, n, fns, lambda v: fns[v](), check)


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    for dtype, n, rows in POINTS:
        forward(dtype, n, rows)
