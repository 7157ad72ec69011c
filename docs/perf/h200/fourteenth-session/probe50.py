"""Probe 50 (fourteenth session), three parts, each variant checked against the float64
reference first, 3 interleaved rounds (probe7.run_point; its % of copy uses this point's M).

A. The backward at few rows with cfg.fit_backward_tile (a tile of at most the rows a program
   gets) against the table's tile and torch.compile, at M = 1 ... 512, N = 256, 1024, 4096.
   Prediction (probe 46): the fitted tile at or below the table's everywhere, -2 to -5 us where
   the table's tile left most programs idle (16-bit 1024 at M <= 64), and within noise where
   the two are equal.
B. Where the backward's dweight/dbias cost goes at M = 4096 (probe 48: bf16 4096 37.5 us with
   them, 33.7 without): the rows kernel writing its partial rows but the partial-row sum not
   launched, against the whole backward and the backward without dweight/dbias.
C. Deeper load pipelines for short whole rows (probe 49: a bare two-read, one-write row loop at
   bf16 1024 went from 70% of copy with 3 stages to 103% with 8): the rule's tile with 4 and 6
   stages, half its rows with 5, at N = 1024 and 2048. Prediction: within noise (our tiles
   already keep 64 KB in flight, the bare loop's 3-stage one 8 KB).
PYTHONPATH=.:ab python <this file>"""

import dataclasses

import probe7
import torch
from probe7 import run_point

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

SMS = torch.cuda.get_device_properties(0).multi_processor_count


def _case(dtype, m, n):
    tdt = h.torch_dtype(dtype)
    probe7.M = m  # run_point's bytes and copy
    inp = h._random_inputs(m, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    return tdt, x, w, dy, mean, rstd, ref


def _checked(calls, ref, tdt):
    def check(v):
        for name, got, r in zip(("dx", "dw", "db"), calls[v](), ref, strict=True):
            if got is not None:
                assert_close(got, r, tdt, f"{v} {name}")

    return check


def few_rows(dtype, m, n):
    tdt, x, w, dy, mean, rstd, ref = _case(dtype, m, n)
    table = cfg.backward_config(n, tdt, "H200", 232448, tdt.itemsize)
    fit = cfg.fit_backward_tile(table, m, SMS)
    calls = {f"fit (tile {fit.block_m})": lambda: ln._backward(dy, x, w, mean, rstd, True, tdt)}
    if fit != table:
        calls[f"table (tile {table.block_m})"] = lambda: ln._backward(
            dy, x, w, mean, rstd, True, tdt, table
        )
    compiled = h.prepare("torch_compile", "backward", m, n, dtype)
    check = _checked(calls, ref, tdt)
    calls["torch.compile"] = compiled.fn
    print(f"M = {m}:", flush=True)
    run_point(
        "backward", dtype, n, list(calls), lambda v: calls[v](),
        lambda v: v == "torch.compile" or check(v),
    )  # fmt: skip


def param_grads_cost(dtype, n):
    tdt, x, w, dy, mean, rstd, ref = _case(dtype, 4096, n)
    launch = ln._launch

    def rows_only(kernel, *args, **kwargs):
        if kernel is not ln._sum_partials_kernel:
            launch(kernel, *args, **kwargs)

    def without_sum():
        ln._launch = rows_only
        try:
            return ln._backward(dy, x, w, mean, rstd, True, tdt)
        finally:
            ln._launch = launch

    calls = {
        "rule": lambda: ln._backward(dy, x, w, mean, rstd, True, tdt),
        "no dw/db": lambda: ln._backward(dy, x, w, mean, rstd, False, None),
        "partial rows, no sum": without_sum,
    }
    check = _checked(calls, ref, tdt)
    run_point(
        "backward", dtype, n, list(calls), lambda v: calls[v](),
        lambda v: v == "partial rows, no sum" or check(v),
    )  # fmt: skip


def stages(dtype, n):
    tdt, x, w, dy, mean, rstd, ref = _case(dtype, 4096, n)
    rule = cfg.backward_config(n, tdt, "H200", 232448, tdt.itemsize)
    r = dataclasses.replace
    confs = {
        f"rule (tile {rule.block_m}, {rule.load_stages} stages)": rule,
        "4 stages": r(rule, load_stages=4),
        "6 stages": r(rule, load_stages=6),
        f"tile {rule.block_m // 2}, 5 stages": r(rule, block_m=rule.block_m // 2, load_stages=5),
    }
    calls = {
        k: (lambda c=c: ln._backward(dy, x, w, mean, rstd, True, tdt, c)) for k, c in confs.items()
    }
    run_point("backward", dtype, n, list(calls), lambda v: calls[v](), _checked(calls, ref, tdt))


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    torch._dynamo.config.recompile_limit = 1000
    for dtype in ("bfloat16", "float32"):
        for n in (1024, 4096):
            param_grads_cost(dtype, n)
        for n in (1024, 2048):
            stages(dtype, n)
    for m in (1, 8, 64, 133, 264, 512):
        for n in (256, 1024, 4096):
            for dtype in ("bfloat16", "float32"):
                few_rows(dtype, m, n)
