"""Probe 51 (fourteenth session): the forward at few rows. Short rows (N < 4096) pack 4096 / N
rows a program (block_m 2-16) with 4-16 warps; the grid is one program per tile, so at M = 1-64
a few programs hold mostly masked tiles, as the backward's did before log entry 39. Variants:
the table's config; 1-row tiles with 4 warps, 8 warps (N >= 1024) or 2 warps (N <= 512);
eager F.layer_norm for scale (torch.compile left out: its compiles do not fit this call).
Prediction: 1-row tiles -0.3 to -1 us at M = 8-64 for N = 256-1024, ties at M = 1 (one program
either way) and at M = 512 (the table's tiles already fill the SMs). Same method as the other
probes (probe7.run_point: 3 interleaved rounds, each variant checked against the float64
reference first). PYTHONPATH=.:ab python <this file>"""

import dataclasses

import probe7
import torch
import torch.nn.functional as F
from probe7 import run_point

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference


def point(dtype, m, n):
    tdt = h.torch_dtype(dtype)
    probe7.M = m  # run_point's bytes and copy
    inp = h._random_inputs(m, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    table = cfg.forward_config(n, tdt, "H200")
    confs = {f"table (tile {table.block_m}, {table.num_warps} warps)": table}
    for warps in (4, 8) if n >= 1024 else (2, 4):
        confs[f"1-row tiles, {warps} warps"] = dataclasses.replace(
            table, block_m=1, num_warps=warps
        )
    calls = {k: (lambda c=c: ln._forward(x, w, b, 1e-5, c)[0]) for k, c in confs.items()}
    calls["eager"] = lambda: F.layer_norm(x, (n,), w, b, 1e-5)

    def check(v):
        assert_close(calls[v](), ref, tdt, v)

    print(f"M = {m}:", flush=True)
    run_point("forward", dtype, n, list(calls), lambda v: calls[v](), check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for m in (1, 8, 64, 512):
        for n in (256, 1024, 2048):
            for dtype in ("bfloat16", "float32"):
                point(dtype, m, n)
