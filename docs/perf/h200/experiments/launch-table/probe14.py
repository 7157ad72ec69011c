"""Probe 14 (session 8, H200): the whole-row forward as a persistent grid whose row loads are
pipelined through shared memory (ForwardConfig.load_stages), against the one-tile-per-program
launch, inference path (no statistics stored) unless "stats"."""
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
    vs = {"default": (d, False)}
    warps = sorted({d.num_warps, *[w for w in (4, 8, 16, 32) if w != d.num_warps and
                                   4 <= cfg.padded_width(n) * d.block_m // (32 * w) <= 128]})
    for w in warps:
        for s in (2, 3):
            vs[f"w{w} s{s}"] = (R(d, num_warps=w, load_stages=s), False)
    best = R(d, load_stages=2)
    vs["default s2 stats"] = (best, True)
    vs["default stats"] = (d, True)
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
