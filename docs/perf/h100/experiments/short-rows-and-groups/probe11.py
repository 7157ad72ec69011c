"""Probe 11: fp32 forward at 12288/24576, statistics stored or not, and the allocations."""
import sys

import torch

from kernels import layernorm as ln
from kernels.bench import harness as h

sys.path.insert(0, "ab")
from probe7 import run_point  # noqa: E402

M = 4096
for n in (12288, 24576):
    inp = h._random_inputs(M, n, "float32", torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]

    def alloc_then_nostats():
        keep = [torch.empty(M, device="cuda"), torch.empty(M, device="cuda")]
        return ln._forward(x, w, b, 1e-5, stats=False)[0], keep

    fns = {
        "stats": lambda: ln._forward(x, w, b, 1e-5)[0],
        "nostats": lambda: ln._forward(x, w, b, 1e-5, stats=False)[0],
        "nostats+2 allocs": alloc_then_nostats,
    }
    run_point("forward", "float32", n, fns, lambda v: fns[v](), lambda v: fns[v]())
