"""Probe 16 (session 8, H200): 32-bit row offsets in the whole-row forward (experimental copy
ab/exp: ForwardConfig.int32_offsets) at N = 256-1024, beside torch.compile. Run from ab/exp."""
import dataclasses
import sys

import torch
import torch.nn.functional as F

from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

sys.path.insert(0, "..")
from probe7 import run_point  # noqa: E402

M = 4096
R = dataclasses.replace
torch._dynamo.config.recompile_limit = 1000


def forward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    d = cfg.forward_config(n, tdt, cfg.gpu_family(x.device))
    vs = {"default": d, "default i32": R(d, int32_offsets=True)}
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    fns = {v: (lambda c=c: ln._forward(x, w, b, 1e-5, conf=c, stats=False)[0]) for v, c in vs.items()}
    fns["torch.compile"] = lambda: compiled(x, (n,), w, b, 1e-5)

    def check(v):
        assert_close(fns[v](), ref, tdt, v)

    run_point("forward", dtype, n, fns, lambda v: fns[v](), check)


print(torch.cuda.get_device_name(), flush=True)
for dtype, n in (("float32", 256), ("float32", 512), ("bfloat16", 256), ("bfloat16", 512), ("float32", 1024), ("bfloat16", 2048)):
    forward(dtype, n)
