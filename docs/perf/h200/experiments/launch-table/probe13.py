"""Probe 13 (session 8, H200): forward warps per width, masked wide rows (12288, 24576) and
the statistics' stores (STORE_STATS on/off: inference vs training forward)."""
import dataclasses
import sys

import torch

from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

sys.path.insert(0, "ab")
from probe7 import run_point  # noqa: E402

M = 4096
R = dataclasses.replace
Fc = cfg.ForwardConfig
FAM = cfg.gpu_family(torch.device("cuda"))


def variants(dtype, n, d):
    vs = {"default": (d, True), "default nostats": (d, False)}
    width = cfg.padded_width(n)
    for w in (4, 8, 16, 32):
        if w != d.num_warps and (width // (32 * w)) in range(4, 129):
            vs[f"w{w}"] = (R(d, num_warps=w), True)
            vs[f"w{w} nostats"] = (R(d, num_warps=w), False)
    if width <= 2048:
        vs[f"m{d.block_m * 2}"] = (R(d, block_m=d.block_m * 2), False)
        vs[f"m{max(1, d.block_m // 2)}"] = (R(d, block_m=max(1, d.block_m // 2)), False)
    if n in (12288, 24576):
        s = n // 4096
        vs[f"4096x{s} m4 w8"] = (Fc(4096, 1, 4, 8, s), False)
        vs[f"chunks 4096x{s} w8"] = (Fc(4096, s, 1, 8), False)
        vs[f"chunks 4096x{s} w8 stats"] = (Fc(4096, s, 1, 8), True)
        if n == 24576:
            vs["8192x3 m2 w16"] = (Fc(8192, 1, 2, 16, 3), False)
            vs["chunks 8192x3 w16"] = (Fc(8192, 3, 1, 16), False)
    return vs


def forward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    vs = variants(tdt, n, cfg.forward_config(n, tdt, FAM))

    def call(v):
        conf, stats = vs[v]
        return ln._forward(x, w, b, 1e-5, conf=conf, stats=stats)[0]

    def check(v):
        assert_close(call(v), ref, tdt, v)

    run_point("forward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(FAM, torch.cuda.get_device_name(), flush=True)
    for part in sys.argv[1:]:
        dtype, n = part.split(":")
        forward(dtype, int(n))
