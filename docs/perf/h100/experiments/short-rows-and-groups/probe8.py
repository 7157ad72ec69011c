"""Probe 8 (session 7): forward short rows with the experimental flags (full tiles without
masks, no statistics, approximate division) against torch.compile, and fp32 32768 backward in 4
pipelined 8192-wide slices against the default. Run with PYTHONPATH=ab/exp (the experimental copy:
ForwardConfig.even/store_stats/fast_div, see experimental-flags.diff); probe7.py beside it."""
import dataclasses
import sys

import torch
import torch.nn.functional as F

from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads, layer_norm_reference

sys.path.insert(0, "ab")
from probe7 import run_point  # noqa: E402

M = 4096
R = dataclasses.replace
B = cfg.BackwardConfig
Fc = cfg.ForwardConfig


def forward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    d = cfg.forward_config(n, tdt)
    bases = {"default": d, "m4/w2": Fc(d.block_n, 1, 4, 2), "m4/w4": Fc(d.block_n, 1, 4, 4),
             "m8/w4": Fc(d.block_n, 1, 8, 4), "m16/w16": Fc(d.block_n, 1, 16, 16)}
    flags = {"": {}, "+even": dict(even=True), "+nostats": dict(store_stats=False),
             "+fastdiv": dict(fast_div=True),
             "+all": dict(even=True, store_stats=False, fast_div=True)}
    vs = {k + f: R(c, **kw) for k, c in bases.items() for f, kw in flags.items()}
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    fns = {v: (lambda c=c: ln._forward(x, w, b, 1e-5, conf=c)[0]) for v, c in vs.items()}
    fns["torch.compile"] = lambda: compiled(x, (n,), w, b, 1e-5)

    def check(v):
        assert_close(fns[v](), ref, tdt, v)

    run_point("forward", dtype, n, fns, lambda v: fns[v](), check)


def backward32768():
    dtype, n = "float32", 32768
    tdt = torch.float32
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    vs = {"default": cfg.backward_config(n, tdt), "8192x4 pipe w8": B(8192, 4, 1, 8, 1, load_stages=3)}

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=vs[v])

    def check(v):
        for _ in range(5):
            for name, a, r in zip(("dx", "dw", "db"), call(v), ref):
                assert_close(a, r, tdt, f"{v} {name}")

    run_point("backward", dtype, n, vs, call, check)


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    backward32768()
    for dtype in ("bfloat16", "float32"):
        for n in (256, 512):
            forward(dtype, n)
    backward32768()
