"""Probe 12 (session 8, H200): launch-config variants at the H200's weakest points of the
sweep (forward 16-bit 4096/32768, fp32 16384/32768; backward 16-bit 4096/16384/32768, fp32
16384/32768). Same-process rounds against a copy of the same bytes (probe7.run_point)."""
import dataclasses
import sys

import torch

from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads, layer_norm_reference

sys.path.insert(0, "ab")
from probe7 import run_point  # noqa: E402

M = 4096
R = dataclasses.replace
B = cfg.BackwardConfig
Fc = cfg.ForwardConfig
FAM = cfg.gpu_family(torch.device("cuda"))


def fwd_variants(dtype, n, d):
    vs = {"default": d}
    size = dtype.itemsize
    if n == 4096:
        vs["no params_first"] = R(d, params_first=False)
        vs["m2/w8"] = R(d, block_m=2)
        vs["m2/w16"] = R(d, block_m=2, num_warps=16)
        vs["w4"] = R(d, num_warps=4)
    else:
        for w in (8, 16, 32):
            if w != d.num_warps:
                vs[f"whole w{w}"] = Fc(n, 1, 1, w)
        vs["whole m2 w16"] = Fc(n, 1, 2, 16)
        vs["whole m2 w32"] = Fc(n, 1, 2, 32)
        s = n // 8192
        vs[f"8192x{s} m2 w8"] = Fc(8192, 1, 2, 8, s)
        vs[f"8192x{s} m1 w8"] = Fc(8192, 1, 1, 8, s)
        vs[f"8192x{s} m2 w16"] = Fc(8192, 1, 2, 16, s)
        if n == 32768:
            vs["16384x2 m1 w16"] = Fc(16384, 1, 1, 16, 2)
    return vs


def bwd_variants(dtype, n, d):
    vs = {"default": d}
    if d.splits == 1:
        for bm in (1, 4):
            vs[f"m{bm}"] = R(d, block_m=bm)
        vs["w16"] = R(d, num_warps=16)
        vs["w4"] = R(d, num_warps=4)
        vs["stages4"] = R(d, load_stages=4)
        return vs
    vs["w16" if d.num_warps == 8 else "w8"] = R(d, num_warps=24 - d.num_warps)
    vs["two-launch"] = R(d, exchange=False)
    if d.block_n == 8192:
        vs[f"4096x{n // 4096} m2 w8 prefetch"] = B(4096, n // 4096, 2, 8, 1, prefetch=True)
        vs[f"4096x{n // 4096} m2 w16 prefetch"] = B(4096, n // 4096, 2, 16, 1, prefetch=True)
        vs["stages4"] = R(d, load_stages=4)
    else:
        vs[f"8192x{n // 8192} pipe w8"] = B(8192, n // 8192, 1, 8, 1, load_stages=3)
        vs[f"8192x{n // 8192} pipe w16"] = B(8192, n // 8192, 1, 16, 1, load_stages=3)
        vs[f"8192x{n // 8192} pipe4 w8"] = B(8192, n // 8192, 1, 8, 1, load_stages=4)
    return vs


def forward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    vs = fwd_variants(tdt, n, cfg.forward_config(n, tdt, FAM))

    def call(v):
        return ln._forward(x, w, b, 1e-5, conf=vs[v])[0]

    def check(v):
        assert_close(call(v), ref, tdt, v)

    run_point("forward", dtype, n, vs, call, check)


def backward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    vs = bwd_variants(tdt, n, cfg.backward_config(n, tdt, FAM))

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=vs[v])

    def check(v):
        for _ in range(3):
            for name, a, r in zip(("dx", "dw", "db"), call(v), ref):
                assert_close(a, r, tdt, f"{v} {name}")

    run_point("backward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(FAM, torch.cuda.get_device_name(), flush=True)
    for part in sys.argv[1:]:
        mode, dtype, n = part.split(":")
        (forward if mode == "f" else backward)(dtype, int(n))
