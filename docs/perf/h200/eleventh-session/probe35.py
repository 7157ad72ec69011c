"""Probe 35 (eleventh session, H200): the exact-chunk streamed forward's pass 2 in order (first
chunk first, as inductor's) against last chunk first, and the rule's other warp count
(FWD_STREAM_EXACT_CHUNKS.num_warps: narrow rows with the wide rows' warps and vice versa). One
process, 3 interleaved rounds; each variant first checked against the float64 reference.
PYTHONPATH=. python ab/probe35.py bfloat16:20480 ..."""
import dataclasses
import sys

import torch

import kernels
from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close

sys.path.insert(0, "ab")
from probe7 import run_point  # noqa: E402

M = 4096
R = dataclasses.replace


def variants(n, tdt):
    family = cfg.gpu_family(torch.device("cuda"))
    d = cfg.forward_config(n, tdt, family)
    narrow, wide = cfg.FWD_STREAM_EXACT_CHUNKS[family].num_warps[tdt.itemsize]
    other = narrow if d.num_warps == wide else wide
    return {
        "default": d,
        "in order": R(d, in_order=True),
        f"w{other}": R(d, num_warps=other),
        f"w{other} in order": R(d, num_warps=other, in_order=True),
    }


def forward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = kernels.layer_norm_reference(x, (n,), w, b)
    vs = variants(n, tdt)
    for k, c in vs.items():
        print(f"  {dtype} {n} {k}: {c}", flush=True)

    def call(v):
        return ln._forward(x, w, b, 1e-5, vs[v])[0]

    def check(v):
        assert_close(call(v), ref, tdt, f"{v} y")

    run_point("forward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for part in sys.argv[1:]:
        dtype, n = part.split(":")
        forward(dtype, int(n))
