"""Probe 40 (prepared in the twelfth session, NOT RUN; for an H100, none was lent since the eighth
session): do the H200-only rules transfer? At every width where the H200's launch table differs
from the H100's (exact-chunk streaming between powers of two and past 32768, 16-bit narrow rows
with 4 warps, the backward's two-slice tails), time both tables' configs on the GPU at hand.
One process, 3 interleaved rounds; every variant first checked against the float64 reference.
Setup and run: prepared/h100-call.sh."""

import sys

import torch

import kernels
from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

sys.path.insert(0, "ab")
from probe7 import run_point  # noqa: E402

M = 4096
FAMILIES = ("H100", "H200")


def configs(mode, n, tdt):
    pick = cfg.forward_config if mode == "f" else cfg.backward_config
    return {f"{family} table": pick(n, tdt, family) for family in FAMILIES}


def forward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = kernels.layer_norm_reference(x, (n,), w, b)
    vs = configs("f", n, tdt)
    for k, c in vs.items():
        print(f"  {dtype} {n} {k}: {c}", flush=True)

    def call(v):
        return ln._forward(x, w, b, 1e-5, vs[v])[0]

    def check(v):
        assert_close(call(v), ref, tdt, f"{v} y")

    run_point("forward", dtype, n, vs, call, check)


def backward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    vs = configs("b", n, tdt)
    for k, c in vs.items():
        print(f"  {dtype} {n} {k}: {c}", flush=True)

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=vs[v])

    def check(v):
        for _ in range(3):
            for name, a, r in zip(("dx", "dw", "db"), call(v), ref):
                assert_close(a, r, tdt, f"{v} {name}")

    run_point("backward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for part in sys.argv[1:]:
        mode, dtype, n = part.split(":")
        (forward if mode == "f" else backward)(dtype, int(n))
