"""Probe 36 (twelfth session, H200). Forward: are 16-bit rows of 32768 and 65536 columns (whole
row with 32 warps: 78-81%; two 32768 chunks: 75%) faster streamed in exactly tiling chunks with
per-lane statistics and L2 hints (the eleventh session's ExactChunkStreaming, which took 16-bit
18432-24576 from 67-71% to 80-84%)? And fp32 32768/65536 the same way; 16-bit 6144, inside that
rule (79-82% in the harness), against its former config (an 8192 block with 4 warps). Backward:
rows just past 16384 (fp32 16896-18432 at 66-68% in 3 slices of 8192; 16-bit 16896 at 48% in 2
slices with 2048-wide tails) against 4 slices of 4096 with a tail and against the other rule.
One process, 3 interleaved rounds; every variant first checked against the float64 reference.
PYTHONPATH=. python ab/probe36.py"""

import dataclasses
import sys

import torch

import kernels
from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

sys.path.insert(0, "ab")
from probe7 import run_point  # noqa: E402

M = 4096
R = dataclasses.replace
Fc = cfg.ForwardConfig
B = cfg.BackwardConfig


def streamed(n, chunk, warps):
    return Fc(chunk, n // chunk, 1, warps, lane_stats=True, l2_hints=True, in_order=True)


def forward_variants(n, tdt):
    d = cfg.forward_config(n, tdt, cfg.gpu_family(torch.device("cuda")))
    vs = {"default": d}
    if n == 6144:
        vs["8192 block w4"] = Fc(8192, 1, 1, 4)
        vs["8192 block w8"] = Fc(8192, 1, 1, 8)
        return vs
    for chunk, warps in ((2048, 16), (4096, 8), (4096, 16), (8192, 16), (8192, 32)):
        if tdt.itemsize == 4 and chunk == 2048:
            continue
        vs[f"stream {chunk} w{warps}"] = streamed(n, chunk, warps)
    return vs


def forward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = kernels.layer_norm_reference(x, (n,), w, b)
    vs = forward_variants(n, tdt)
    for k, c in vs.items():
        print(f"  {dtype} {n} {k}: {c}", flush=True)

    def call(v):
        return ln._forward(x, w, b, 1e-5, vs[v])[0]

    def check(v):
        assert_close(call(v), ref, tdt, f"{v} y")

    run_point("forward", dtype, n, vs, call, check)


def backward_variants(n, tdt):
    d = cfg.backward_config(n, tdt, cfg.gpu_family(torch.device("cuda")))
    tail = cfg.BWD_MIN_TAIL[tdt.itemsize]
    vs = {
        "default": d,
        "3x8192 pipe": B(8192, 3, 1, 8, 1, load_stages=3),
        "4x(4096+tail) prefetch m2": B(
            4096, 4, 2, 8, 1, prefetch=True, tail_n=tail, weights_per_row=True
        ),
        "4x(4096+tail) pipe m1": B(4096, 4, 1, 8, 1, load_stages=3, tail_n=tail, weights_per_row=True),
    }
    if tdt.itemsize == 4:
        vs["2x(8192+1024) pipe"] = B(
            8192, 2, 1, 8, 1, load_stages=3, tail_n=1024, weights_per_row=True
        )
    return vs


def backward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    vs = backward_variants(n, tdt)
    for k, c in vs.items():
        print(f"  {dtype} {n} {k}: {c}", flush=True)

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=vs[v])

    def check(v):
        for _ in range(3):
            for name, a, r in zip(("dx", "dw", "db"), call(v), ref):
                assert_close(a, r, tdt, f"{v} {name}")

    run_point("backward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for part in sys.argv[1:]:
        mode, dtype, n = part.split(":")
        (forward if mode == "f" else backward)(dtype, int(n))
