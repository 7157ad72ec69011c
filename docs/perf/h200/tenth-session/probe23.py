"""Probe 23 (session 10, H200): whole rows of 8193-12288 columns held by one program as two blocks
(8192 + a power-of-two tail, BackwardConfig.tail_n) against today's split rows. Two kernels:
'row' loads every weight per row (L1 hits), 'hoist' keeps the 8192 block's weights in registers
(the tail's per row). Same process, 3 interleaved rounds; each variant is first checked against
the float64 reference."""
import dataclasses
import sys

import torch

from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

sys.path.insert(0, "ab")
sys.path.insert(0, "ab/hoisted")
from probe7 import run_point  # noqa: E402
import kernels_hoisted.layernorm as hoisted  # noqa: E402

M = 4096
R = dataclasses.replace


def variants(n, tdt):
    fam = cfg.gpu_family(torch.device("cuda"))
    d = cfg.backward_config(n, tdt, fam)
    tail = cfg.padded_width(n - 8192)
    t = cfg.BackwardConfig(8192, 1, 1, 8, 1, load_stages=3, tail_n=tail)
    vs = {"default": (ln, d)}
    if n <= 8192:
        return vs
    vs["row w8"] = (ln, t)
    vs["row w16"] = (ln, R(t, num_warps=16))
    vs["hoist w8"] = (hoisted, t)
    vs["hoist w16"] = (hoisted, R(t, num_warps=16))
    if tdt.itemsize == 4:
        vs["row w8 s2"] = (ln, R(t, load_stages=2))
        vs["hoist w8 s2"] = (hoisted, R(t, load_stages=2))
    return vs


def backward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    vs = variants(n, tdt)
    for k, (_, c) in vs.items():
        print(f"  {dtype} {n} {k}: {c}", flush=True)

    def call(v):
        mod, conf = vs[v]
        return mod._backward(dy, x, w, mean, rstd, True, tdt, conf)

    def check(v):
        for name, a, r in zip(("dx", "dw", "db"), call(v), ref):
            assert_close(a, r, tdt, f"{v} {name}")

    run_point("backward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for part in sys.argv[1:]:
        dtype, n = part.split(":")
        backward(dtype, int(n))
