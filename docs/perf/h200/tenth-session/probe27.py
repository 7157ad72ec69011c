"""Probe 27 (session 10, H200): the 16-bit forward of rows between powers of two (whole rows in a
masked power-of-two block, 66-81% of copy in probe 26): warps of the whole-row block, and
streamed in chunks (two passes, the second from L2). Same process, 3 interleaved rounds; each
variant is first checked against the float64 reference."""
import sys

import torch

import kernels
from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close

sys.path.insert(0, "ab")
from probe7 import run_point  # noqa: E402

M = 4096


def variants(n, tdt):
    d = cfg.forward_config(n, tdt, cfg.gpu_family(torch.device("cuda")))
    vs = {"default": d}
    width = cfg.padded_width(n)
    for warps in (4, 8, 16, 32):
        if 8 <= width // (warps * 32) <= 128:
            vs[f"whole w{warps}"] = cfg.ForwardConfig(width, 1, 1, warps)
    for chunk in (2048, 4096, 8192):
        if n % chunk == 0:
            warps = chunk // 512
            vs[f"chunk{chunk} w{warps}"] = cfg.ForwardConfig(chunk, n // chunk, 1, warps)
    return vs


def forward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = kernels.layer_norm_reference(x, (n,), w, b)
    vs = variants(n, tdt)
    for k, c in vs.items():
        print(f"  {dtype} {n} {k}: {c}", flush=True)

    def call(v):
        return ln._forward(x, w, b, 1e-5, vs[v])

    def check(v):
        assert_close(call(v)[0], ref, tdt, f"{v} y")

    run_point("forward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for part in sys.argv[1:]:
        dtype, n = part.split(":")
        forward(dtype, int(n))
