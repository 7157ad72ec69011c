"""Probe 24 (session 10, H200): after probe 23 (two-block whole rows, kept): the tail's minimum
width (16-bit 8704/9216, fp32 8704), weights per row or in registers at fp32 10240-12288 and
for plain whole rows (N <= 8192), and the old split config again. Same process, 3 interleaved
rounds; each variant is first checked against the float64 reference."""
import dataclasses
import sys

import torch

from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

sys.path.insert(0, "ab")
from probe7 import run_point  # noqa: E402

M = 4096
R = dataclasses.replace


def variants(n, tdt):
    fam = cfg.gpu_family(torch.device("cuda"))
    d = cfg.backward_config(n, tdt, fam, cfg.max_shared_memory(torch.device("cuda")), tdt.itemsize)
    vs = {"default": d}
    if d.tail_n:
        natural = cfg.padded_width(n - 8192)
        for t in sorted({natural, 2 * natural, d.tail_n, 2 * d.tail_n} - {d.tail_n}):
            if t <= 4096:
                vs[f"tail {t}"] = R(d, tail_n=t)
        if tdt.itemsize == 4:
            vs["w in regs s3"] = R(d, weights_per_row=False, load_stages=3)
            vs["w in regs s3 w16"] = R(d, weights_per_row=False, load_stages=3, num_warps=16)
            if d.load_stages == 3:
                vs["s2"] = R(d, load_stages=2)
        if n % 4096 == 0 or n == 10240:
            slices = 3
            vs["split 4096x3 (old)"] = cfg.BackwardConfig(
                4096, slices, 2, 16 if tdt.itemsize == 2 else 8, 1, prefetch=True)
    elif d.splits == 1:
        vs["w per row"] = R(d, weights_per_row=True)
    return vs


def backward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    vs = variants(n, tdt)
    for k, c in vs.items():
        print(f"  {dtype} {n} {k}: {c}", flush=True)

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, vs[v])

    def check(v):
        for name, a, r in zip(("dx", "dw", "db"), call(v), ref):
            assert_close(a, r, tdt, f"{v} {name}")

    run_point("backward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for part in sys.argv[1:]:
        dtype, n = part.split(":")
        backward(dtype, int(n))
