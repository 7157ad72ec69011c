"""Probe 17 (session 9, H200): split-row backward without an exchange (recompute: every program
of a group reads the other slices' x and dy to compute the whole rows' sums itself) against the
exchange (the default). Same-process rounds against a copy of the same bytes (probe7.run_point).
Also checks that dx is bitwise the exchange's for the same slicing."""
import dataclasses
import sys

import torch

from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

sys.path.insert(0, "ab")
from probe7 import run_point  # noqa: E402

M = 4096
R = dataclasses.replace
B = cfg.BackwardConfig
FAM = cfg.gpu_family(torch.device("cuda"))


def variants(tdt, n, d):
    vs = {"default": d}
    if tdt.itemsize == 2:
        if n == 12288:
            vs["rc 4096x3 st2 w16"] = B(4096, 3, 2, 16, 1, load_stages=2, recompute=True)
            vs["rc 4096x3 prefetch w16"] = R(d, recompute=True)
            vs["rc 8192x2 st3 w8"] = B(8192, 2, 1, 8, 1, load_stages=3, recompute=True)
            vs["rc 8192x2 st2 w8"] = B(8192, 2, 1, 8, 1, load_stages=2, recompute=True)
        elif n == 16384:
            vs["rc st3 w8"] = R(d, recompute=True)
            vs["rc st2 w8"] = R(d, recompute=True, load_stages=2)
            vs["rc st3 w16"] = R(d, recompute=True, num_warps=16)
            vs["rc st2 w16"] = R(d, recompute=True, load_stages=2, num_warps=16)
        else:
            vs["rc st2 w8"] = R(d, recompute=True, load_stages=2)
            vs["rc st2 w16"] = R(d, recompute=True, load_stages=2, num_warps=16)
    else:
        s = -(-n // 8192)
        vs[f"rc 8192x{s} st2 w8"] = B(8192, s, 1, 8, 1, load_stages=2, recompute=True)
        vs[f"rc 4096x{n // 4096} st2 w8"] = B(4096, n // 4096, 1, 8, 1, load_stages=2, recompute=True)
        vs["rc default"] = R(d, recompute=True)
    return vs


def backward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    vs = variants(tdt, n, cfg.backward_config(n, tdt, FAM))

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=vs[v])

    def check(v):
        for _ in range(3):
            for name, a, r in zip(("dx", "dw", "db"), call(v), ref):
                assert_close(a, r, tdt, f"{v} {name}")
        c = vs[v]
        if c.recompute:  # bitwise against the exchange of the same slicing
            dx_ex = ln._backward(dy, x, w, mean, rstd, True, tdt, conf=R(c, recompute=False))[0]
            same = torch.equal(call(v)[0], dx_ex)
            print(f"bitwise {dtype} {n} {v}: dx {'equal' if same else 'DIFFERS'} to the exchange's", flush=True)

    run_point("backward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(FAM, torch.cuda.get_device_name(), torch.__version__, flush=True)
    for part in sys.argv[1:]:
        dtype, n = part.split(":")
        backward(dtype, int(n))
