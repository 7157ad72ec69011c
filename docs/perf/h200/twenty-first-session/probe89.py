"""Probe 89 (twenty-first session): does the order of the variants in a round decide the 16-bit
2048/4096 whole-row results? Probes 85-86 timed the 4-warp rule first after the copy and found 8
warps 3-6 points ahead; probe 88 timed 8 warps first and found them 2 points behind. Here each
config twice, A and B, in the order w4 A, w8 A, w4 B, w8 B, then the reverse order. Prediction:
if position is what moved them, the A and B copies of a config differ by the same 2-6 points.
Inference forward (no statistics), method as probes 63-88.
  PYTHONPATH=.:ab python docs/perf/h200/twenty-first-session/probe89.py
"""

from dataclasses import replace

import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

M = 4096


def forward(dtype, n, order):
    import probe7

    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    confs = {"w4": replace(rule, num_warps=4), "w8": replace(rule, num_warps=8)}
    names = [f"{c} {ab}" for ab in "AB" for c in order]
    fns = {v: (lambda c=confs[v.split()[0]]: ln._forward(x, w, b, 1e-5, c, stats=False)[0])
           for v in names}

    def check(v):
        assert_close(fns[v](), ref, tdt, v)

    print(f"forward {dtype} {n}: order {names}", flush=True)
    probe7.run_point("forward", dtype, n, fns, lambda v: fns[v](), check)
    torch.cuda.empty_cache()


if __name__ == "__main__":
    for dtype, n in (("bfloat16", 2048), ("bfloat16", 4096), ("float16", 4096)):
        for order in (("w4", "w8"), ("w8", "w4")):
            forward(dtype, n, order)
