"""Probe 21 (session 9, H200): the 16-bit backward at 8193-12288 columns (below torch.compile):
the row sums swapped in two launches (STORE then LOAD: x and dy read twice, no waiting)
against the exchange, for 3 slices of 4096, 5-6 of 2048 and 2 of 8192. From probe 17: split-row backward without an exchange (recompute: every program
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
    vs = {"default " + label(d): d, "default two-launch": R(d, exchange=False)}
    w5 = B(2048, -(-n // 2048), 4, 8, 1, prefetch=True)
    if w5.splits <= 6:
        vs["2048 " + label(w5)] = w5
        vs["2048 two-launch"] = R(w5, exchange=False)
    ex2 = B(8192, 2, 1, 8, 1, load_stages=3)
    vs["8192x2 st3 two-launch"] = R(ex2, exchange=False)
    vs["8192x2 pf two-launch"] = B(8192, 2, 1, 8, 1, prefetch=True, exchange=False)
    if tdt.itemsize == 2:
        vs["8192x2 st3 rc"] = R(ex2, recompute=True)
    out, seen = {}, set()
    for k, c in vs.items():
        if c not in seen:
            out[k] = c
            seen.add(c)
    return out


def label(c):
    how = "rc" if c.recompute else "ex"
    loads = f"st{c.load_stages}" if c.load_stages > 1 else "pf"
    return f"{c.block_n}x{c.splits} m{c.block_m} w{c.num_warps} {loads} {how}"


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

    run_point("backward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(FAM, torch.cuda.get_device_name(), torch.__version__, flush=True)
    for part in sys.argv[1:]:
        dtype, n = part.split(":")
        print(f"{dtype} {n} default: {cfg.backward_config(int(n), h.torch_dtype(dtype), FAM)}", flush=True)
        backward(dtype, int(n))
