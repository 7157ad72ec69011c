"""Probe 10 (session 7): forward (inference) with weight/bias loaded first or last, and N = 512
tiles, against torch.compile; same process, 3 rounds."""
import dataclasses
import sys

import torch
import torch.nn.functional as F

from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

sys.path.insert(0, "ab")
from probe7 import run_point  # noqa: E402

M = 4096
R = dataclasses.replace


def forward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    d = cfg.forward_config(n, tdt)
    vs = {"default": d, "params last": R(d, params_first=False)}
    if n <= 1024:
        vs["m4/w2"] = R(d, block_m=4, num_warps=2)
        vs["m4/w2 params last"] = R(d, block_m=4, num_warps=2, params_first=False)
    fns = {v: (lambda c=c: ln._forward(x, w, b, 1e-5, c, stats=False)[0]) for v, c in vs.items()}
    if n <= 1024:
        compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
        fns["torch.compile"] = lambda: compiled(x, (n,), w, b, 1e-5)

    def check(v):
        assert_close(fns[v](), ref, tdt, v)

    run_point("forward", dtype, n, fns, lambda v: fns[v](), check)


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    for dtype in ("bfloat16", "float16", "float32"):
        for n in (256, 512, 1024, 2048, 4096, 8192, 16384):
            forward(dtype, n)
