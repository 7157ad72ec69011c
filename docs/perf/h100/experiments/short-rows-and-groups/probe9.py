"""Probe 9 (session 7): short-row forward configs of the new code (full tiles, no statistics in
inference) against torch.compile, same process, 3 rounds."""
import sys

import torch
import torch.nn.functional as F

from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

sys.path.insert(0, "ab")
from probe7 import run_point  # noqa: E402

M = 4096
Fc = cfg.ForwardConfig


def forward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    d = cfg.forward_config(n, tdt)
    vs = {"default": d}
    for bm, wp in ((1, 1), (1, 2), (1, 4), (2, 2), (2, 4), (4, 1), (4, 2), (4, 4), (8, 4),
                   (8, 8), (16, 8), (16, 16)):
        vs[f"m{bm}/w{wp}"] = Fc(d.block_n, 1, bm, wp)
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    fns = {v: (lambda c=c: ln._forward(x, w, b, 1e-5, c, stats=False)[0]) for v, c in vs.items()}
    fns["torch.compile"] = lambda: compiled(x, (n,), w, b, 1e-5)

    def check(v):
        assert_close(fns[v](), ref, tdt, v)

    run_point("forward", dtype, n, fns, lambda v: fns[v](), check)


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    for dtype in ("bfloat16", "float16", "float32"):
        for n in (256, 512, 1024):
            forward(dtype, n)
