"""Probe 8 (forward flags; fp32 32768 slices), derived from probe 7 (session 7): (A) backward split-row variants; (B) forward short-row configs against
torch.compile. Run with PYTHONPATH=ab/exp (experimental copy: BackwardConfig.column_sums)."""
import dataclasses
import sys

import torch
import torch.nn.functional as F

from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads, layer_norm_reference

M = 4096
R = dataclasses.replace
B = cfg.BackwardConfig
Fc = cfg.ForwardConfig
ROUNDS = 3


def med(fn):
    return torch.tensor(h.cuda_times(fn)).median().item()


def run_point(mode, dtype, n, variants, call, check):
    nbytes = h.bytes_moved(mode, M, n, dtype)
    copy = h._copy_case(mode, M, n, dtype, torch.device("cuda"))
    status = {}
    for v in variants:
        try:
            check(v)
            status[v] = "ok"
        except Exception as e:  # noqa: BLE001
            status[v] = "ERR " + str(e).replace("\n", " ")[:100]
    times = {v: [] for v in variants if status[v] == "ok"}
    times["copy"] = []
    for _ in range(ROUNDS):
        times["copy"].append(med(copy.fn))
        for v in variants:
            if status[v] == "ok":
                times[v].append(med(lambda v=v: call(v)))
    cp = min(times["copy"])
    for v in variants:
        if status[v] != "ok":
            print(f"{mode} {dtype} {n} {v:28s} {status[v]}", flush=True)
            continue
        p = [cp / t * 100 for t in times[v]]
        print(f"{mode} {dtype} {n} {v:28s} {min(p):6.1f}-{max(p):6.1f}% "
              f"{nbytes / min(times[v]) / 1e6:6.0f} GB/s  {min(times[v]) * 1e3:7.2f} us", flush=True)
    print(f"{mode} {dtype} {n} copy {cp * 1e3:.2f} us", flush=True)


def backward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    d = cfg.backward_config(n, tdt)
    vs = {"default": d}
    splits8192 = -(-n // 8192)
    if tdt.itemsize == 2:
        if d.block_n == 8192:
            vs["w16"] = R(d, num_warps=16)
            vs["bm2 col w16"] = R(d, block_m=2, num_warps=16, column_sums=True)
            vs["bm2 w16"] = R(d, block_m=2, num_warps=16)
        else:
            vs["8192 pipe w8"] = B(8192, splits8192, 1, 8, 1, load_stages=3)
            vs["8192 pipe w16"] = B(8192, splits8192, 1, 16, 1, load_stages=3)
    elif d.block_n == 4096:
        vs["8192 pipe w8"] = B(8192, splits8192, 1, 8, 1, load_stages=3)
        vs["8192 pipe w16"] = B(8192, splits8192, 1, 16, 1, load_stages=3)
        vs["col"] = R(d, column_sums=True)

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=vs[v])

    def check(v):
        for _ in range(5):
            out = call(v)
            for name, a, r in zip(("dx", "dw", "db"), out, ref):
                assert_close(a, r, tdt, f"{v} {name}")

    run_point("backward", dtype, n, vs, call, check)


def forward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    d = cfg.forward_config(n, tdt)
    bases = {"default": d, "m4/w2": Fc(d.block_n, 1, 4, 2), "m4/w4": Fc(d.block_n, 1, 4, 4),
             "m8/w4": Fc(d.block_n, 1, 8, 4), "m16/w16": Fc(d.block_n, 1, 16, 16)}
    flags = {"": {}, "+even": dict(even=True), "+nostats": dict(store_stats=False),
             "+fastdiv": dict(fast_div=True),
             "+all": dict(even=True, store_stats=False, fast_div=True)}
    vs = {k + f: R(c, **kw) for k, c in bases.items() for f, kw in flags.items()}
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    fns = {v: (lambda c=c: ln._forward(x, w, b, 1e-5, conf=c)[0]) for v, c in vs.items()}
    fns["torch.compile"] = lambda: compiled(x, (n,), w, b, 1e-5)

    def check(v):
        assert_close(fns[v](), ref, tdt, v)

    run_point("forward", dtype, n, fns, lambda v: fns[v](), check)


def backward32768():
    dtype, n = "float32", 32768
    tdt = torch.float32
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    vs = {"default": cfg.backward_config(n, tdt), "8192x4 pipe w8": B(8192, 4, 1, 8, 1, load_stages=3)}

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=vs[v])

    def check(v):
        for _ in range(5):
            for name, a, r in zip(("dx", "dw", "db"), call(v), ref):
                assert_close(a, r, tdt, f"{v} {name}")

    run_point("backward", dtype, n, vs, call, check)


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    backward32768()
    for dtype in ("bfloat16", "float32"):
        for n in (256, 512):
            forward(dtype, n)
    backward32768()
