"""Probe 34 (eleventh session, H200): the working tree's rule for rows between powers of two
(FWD_STREAM_PADDED_ROWS: streamed, per-lane statistics, L2 hints, the widest dividing chunk up to
4096) against fb24ef7's configs and kernels (ab/base/kernels_base), with the chunk's warps halved
and doubled, the chunk halved and doubled (where it divides N), and without L2 hints. One
process, 3 interleaved rounds; each variant first checked against the float64 reference.
PYTHONPATH=. python ab/probe34.py bfloat16:10240 ..."""
import dataclasses
import sys

import torch

import kernels
from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close

sys.path.insert(0, "ab")
sys.path.insert(0, "ab/base")
from probe7 import run_point  # noqa: E402
import kernels_base.layernorm as base  # noqa: E402

M = 4096
R = dataclasses.replace


def variants(n, tdt):
    d = cfg.forward_config(n, tdt, cfg.gpu_family(torch.device("cuda")))
    vs = {"base fb24ef7": None, "default": d}
    if not d.lane_stats:
        return vs
    for warps in (d.num_warps // 2, d.num_warps * 2):
        if 4 <= warps <= 32:
            vs[f"w{warps}"] = R(d, num_warps=warps)
    for chunk in (d.block_n // 2, d.block_n * 2):
        if chunk >= 512 and n % chunk == 0 and n // chunk >= 2:
            vs[f"c{chunk}"] = R(d, block_n=chunk, num_chunks=n // chunk)
    vs["no hints"] = R(d, l2_hints=False)
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
        if v == "base fb24ef7":
            return base._forward(x, w, b, 1e-5)[0]
        return ln._forward(x, w, b, 1e-5, vs[v])[0]

    def check(v):
        assert_close(call(v), ref, tdt, f"{v} y")

    run_point("forward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for part in sys.argv[1:]:
        dtype, n = part.split(":")
        forward(dtype, int(n))
