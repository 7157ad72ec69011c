"""Probe 15 (session 8, H200): confirm the warps found by probes 12-13 (fp32 16384: 16 warps;
16-bit 4096: 4 warps; fp32 12288: 4 warps) and look for the rule behind 12288 (masked fp32
rows padded to 16384 and 8192: warps 4/8/16), training (stats) and inference forward."""
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
FAM = cfg.gpu_family(torch.device("cuda"))


def forward(dtype, n, warps):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    d = cfg.forward_config(n, tdt, FAM)
    vs = {}
    for wp in sorted({d.num_warps, *warps}):
        for stats in (False, True):
            vs[f"w{wp}{' stats' if stats else ''}{' (default)' if wp == d.num_warps else ''}"] = (R(d, num_warps=wp), stats)

    def call(v):
        conf, stats = vs[v]
        return ln._forward(x, w, b, 1e-5, conf=conf, stats=stats)[0]

    def check(v):
        assert_close(call(v), ref, tdt, v)

    run_point("forward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(FAM, torch.cuda.get_device_name(), flush=True)
    forward("float32", 16384, (16,))
    forward("float32", 12288, (4, 16))
    for n in (9216, 10240, 11264, 13312, 14336, 15360, 5120, 6144, 7168):
        forward("float32", n, (4, 16))
    for dtype in ("float16", "bfloat16"):
        forward(dtype, 4096, (4,))
        forward(dtype, 3072, (4,))
        forward(dtype, 12288, (4, 16))
        forward(dtype, 6144, (4, 16))
