"""Interpreter check of strided-walk.diff (applied): dx bitwise the contiguous walk's, dweight and
dbias within tolerance, for whole, tail, split (two launches on the interpreter) and recompute
configs. git apply prepared/strided-walk.diff, then from the repository root:
TRITON_INTERPRET=1 PYTHONPATH=. python <this file>; git apply -R prepared/strided-walk.diff."""

import dataclasses

import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.reference import TOLERANCES, reference_grads, relative_error

B = cfg.BackwardConfig
torch.manual_seed(0)
cases = [
    (37, 200, B(256, 1, 2, 2, 1, load_stages=3)),
    (37, 200, B(256, 1, 4, 2, 1, load_stages=1)),
    (13, 200, B(128, 1, 2, 2, 1, load_stages=3, tail_n=128, weights_per_row=True)),
    (13, 200, B(128, 2, 2, 2, 1, load_stages=1)),  # split rows: STORE/LOAD on the interpreter
    (13, 256, B(128, 2, 1, 2, 1, load_stages=3, recompute=True)),
    (2, 200, B(256, 1, 1, 2, 1, load_stages=3)),
]
for dtype in (torch.float32, torch.bfloat16):
    for m, n, conf in cases:
        x = torch.randn(m, n).to(dtype)
        w = torch.randn(n).to(dtype)
        b = torch.randn(n).to(dtype)
        dy = torch.randn(m, n).to(dtype)
        _, mean, rstd = ln._forward(x, w, b, 1e-5)
        ref = reference_grads(x, (n,), w, b, 1e-5, dy)
        a = ln._backward(dy, x, w, mean, rstd, True, dtype, conf)
        s = ln._backward(dy, x, w, mean, rstd, True, dtype, dataclasses.replace(conf, strided=True))
        assert torch.equal(a[0], s[0]), (m, n, conf)  # dx: the same rows, the same arithmetic
        for name, got, r in zip("dx dw db".split(), s, ref, strict=True):
            assert relative_error(got, r) <= TOLERANCES[dtype].max_error, (name, m, n, conf)
print("ok")
