"""Probe 33 (eleventh session, H200): streamed forward rows whose chunks tile the row exactly
(FULL_TILES now covers streamed rows: no masks, so the compiler vectorizes and hoists the chunk
loads, as it does for inductor's constant-shaped kernels), per-lane Welford statistics, L2 hints,
chunk widths and warps; against fb24ef7's kernels (ab/base/kernels_base) and torch.compile, in
one process, 3 interleaved rounds; each variant first checked against the float64 reference.
PYTHONPATH=. python ab/probe33.py bfloat16:10240 ..."""
import dataclasses
import sys

import torch
import torch.nn.functional as F

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
CHUNKS = ((1024, 4), (1024, 8), (2048, 8), (2048, 16), (4096, 8), (4096, 16))


def variants(n, tdt):
    d = cfg.forward_config(n, tdt, cfg.gpu_family(torch.device("cuda")))
    vs = {"base fb24ef7": None, "torch.compile": None, "default": d}
    for chunk, warps in CHUNKS:
        if n % chunk == 0 and n // chunk >= 2:
            conf = cfg.ForwardConfig(chunk, n // chunk, 1, warps)
            vs[f"c{chunk} w{warps}"] = conf
            vs[f"c{chunk} w{warps} hints"] = R(conf, l2_hints=True)
            vs[f"c{chunk} w{warps} lane hints"] = R(conf, lane_stats=True, l2_hints=True)
    return vs


def forward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = kernels.layer_norm_reference(x, (n,), w, b)
    vs = variants(n, tdt)
    compiled = torch.compile(lambda x, w, b: F.layer_norm(x, (n,), w, b, 1e-5))
    for k, c in vs.items():
        print(f"  {dtype} {n} {k}: {c}", flush=True)

    def call(v):
        if v == "base fb24ef7":
            return base._forward(x, w, b, 1e-5)[0]
        if v == "torch.compile":
            return compiled(x, w, b)
        return ln._forward(x, w, b, 1e-5, vs[v])[0]

    def check(v):
        assert_close(call(v), ref, tdt, f"{v} y")

    run_point("forward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for part in sys.argv[1:]:
        dtype, n = part.split(":")
        forward(dtype, int(n))
