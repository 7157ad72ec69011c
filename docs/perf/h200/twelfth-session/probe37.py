"""Probe 37 (twelfth session, H200): probe 36's winners at more widths. Forward: fp32 rows wider
than 32768 (65536: split rows 72.5%, streamed in 8192-wide chunks with 32 warps 83%) at
40960-131072; 16-bit rows padded to an 8192 block (5120-7168; 6144: the rule 82%, an 8192
block with 4 warps 84-87%) with 4 warps. Backward: fp32 rows past 16384 as two slices of 8192
and a tail (16896-18432 with 1024-wide tails: +4-5 points over 3 slices of 8192) at 16400 (a
masked tail), 17408, 18432, and with 2048-wide tails at 18944-20480. One process, 3
interleaved rounds; every variant first checked against the float64 reference.
PYTHONPATH=. python ab/probe37.py f:float32:65536 b:float32:18432 ..."""

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
    if n <= 8192:  # 16-bit rows padded to an 8192 block: the rule's chunks with 4 warps
        vs["rule w4"] = R(d, num_warps=4)
        vs["8192 block w4"] = Fc(8192, 1, 1, 4)
        return vs
    for chunk, warps in ((8192, 16), (8192, 32), (16384, 32)):
        if n % chunk == 0:
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
    tail = max(1024, cfg.padded_width(-(-n // 2) - 8192))
    return {
        "default": d,
        "3x8192 pipe": B(8192, 3, 1, 8, 1, load_stages=3),
        f"2x(8192+{tail}) pipe": B(8192, 2, 1, 8, 1, load_stages=3, tail_n=tail, weights_per_row=True),
    }


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
