"""Probe 53 (fifteenth session): short-row forward tiles, and the strided backward walk at the
points probe 52 left out.

F. The forward's few-rows fit (cfg.fit_forward_tile: the table's tile cut to program_rows rows,
   warps clamp(rows, 4, 16)) lost to the table's tile at bf16 256 for M = 128-1024 (probe 52 B:
   4.99 against 4.67 us at M = 128, 5.31 against 4.99 at 1024) and won elsewhere (fp32 1024
   6.11 -> 5.50 us at M = 128). Which (rows, warps) is best, by N, dtype and M? Grid: rows
   1-16 (at most the table's), warps 2, 4, 8 (at least one element a thread), at M = 8, 128,
   512, 1024 for bf16 256 and 512, fp32 256 and 1024, bf16 1024. Prediction: bf16 256 wants
   several rows a program even with idle SMs (its rows are 512 bytes: a 1-row program is all
   launch), so the fit should keep a minimum tile in bytes, about 2-4 KB; fp32 1024 wants 8
   warps for 1-2 rows (probe 51).
G. M = 4096 short rows, where torch.compile is 3-6% ahead (nox bench, fourteenth session: fp32
   256 119 against 127% of copy, 512 116 against 122; 16-bit 256 and 512 likewise): rows 2-32,
   warps 1-16, the table's tile and torch.compile. Prediction: some tile within 2% of
   torch.compile; the tables' tiles (H100 sweeps) are not the H200's best.
S. Strided against contiguous backward walks at the rule's configs for N = 256, 512 (bf16, fp32)
   and fp16 1024-8192, not in probe 52 C. Prediction: +0-3 points (probe 52 C: +0.5 to +7).
Method as the other probes (probe7.run_point: 3 interleaved rounds, each variant checked first).
From the repository root, with ab/probe7.py and carry ["ab"]:
PYTHONPATH=.:ab python docs/perf/h200/fifteenth-session/probe53.py [F] [G] [S]
DRY=1 TRITON_INTERPRET=1 (no GPU): checks every variant on the interpreter at M <= 64, times none.
"""

import dataclasses
import os
import sys

import probe7
import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference, reference_grads

DRY = bool(os.environ.get("DRY"))
DEVICE = torch.device("cpu" if DRY else "cuda")
SMS = cfg.sm_count(DEVICE) if DRY else torch.cuda.get_device_properties(0).multi_processor_count


def run_point(mode, dtype, n, variants, call, check):
    if DRY:  # check every variant, time none
        for v in variants:
            check(v)
        print(f"{mode} {dtype} {n} checked: {', '.join(variants)}", flush=True)
    else:
        probe7.run_point(mode, dtype, n, variants, call, check)


def forward_tiles(dtype, m, n, grid, with_compile=False):
    tdt = h.torch_dtype(dtype)
    m = min(m, 64) if DRY else m
    probe7.M = m
    inp = h._random_inputs(m, n, dtype, DEVICE)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    table = cfg.forward_config(n, tdt, "H200")
    fit = cfg.fit_forward_tile(table, m, SMS, tdt.itemsize)  # when probe 53 ran: the old fit
    confs = {f"table r{table.block_m} w{table.num_warps}": table}
    if fit != table:
        confs[f"fit r{fit.block_m} w{fit.num_warps}"] = fit
    for rows, warps in grid:
        conf = dataclasses.replace(table, block_m=rows, num_warps=warps)
        if warps * 32 <= rows * n and conf not in confs.values():
            confs[f"r{rows} w{warps}"] = conf
    calls = {k: (lambda c=c: ln._forward(x, w, b, 1e-5, c)[0]) for k, c in confs.items()}

    def check(v):
        if v != "torch.compile":
            assert_close(calls[v](), ref, tdt, v)

    if with_compile and not DRY:
        calls["torch.compile"] = h.prepare("torch_compile", "forward", m, n, dtype).fn
    print(f"M = {m}:", flush=True)
    run_point("forward", dtype, n, list(calls), lambda v: calls[v](), check)


def strided_backward(dtype, n, m=4096):
    tdt = h.torch_dtype(dtype)
    m = min(m, 64) if DRY else m
    probe7.M = m
    inp = h._random_inputs(m, n, dtype, DEVICE)
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    rule = cfg.backward_config(n, tdt, "H200", 232448, tdt.itemsize)
    confs = {"rule": rule, "rule, contiguous": dataclasses.replace(rule, strided=False)}
    calls = {
        k: (lambda c=c: ln._backward(dy, x, w, mean, rstd, True, tdt, c)) for k, c in confs.items()
    }
    dx_rule = calls["rule"]()[0].clone()

    def check(v):
        out = calls[v]()
        assert torch.equal(out[0], dx_rule), f"{v}: dx differs from the rule's"
        for name, got, r in zip(("dx", "dw", "db"), out, ref, strict=True):
            assert_close(got, r, tdt, f"{v} {name}")

    print(f"  {dtype} {n} rule: {rule}", flush=True)
    run_point("backward", dtype, n, list(calls), lambda v: calls[v](), check)


if __name__ == "__main__":
    parts = sys.argv[1:] or ["F", "G", "S"]
    print(torch.__version__, DEVICE, SMS, flush=True)
    if not DRY:
        print(torch.cuda.get_device_name(), flush=True)
        torch._dynamo.config.recompile_limit = 1000
    if "S" in parts:
        for dtype, n in (("bfloat16", 256), ("float32", 256), ("bfloat16", 512),
                         ("float32", 512), ("float16", 1024), ("float16", 2048),
                         ("float16", 4096), ("float16", 8192)):  # fmt: skip
            strided_backward(dtype, n)
    if "F" in parts:
        grid = [(r, w) for r in (1, 2, 4, 8, 16) for w in (2, 4, 8)]
        for m in (8, 128, 512, 1024):
            for dtype, n in (("bfloat16", 256), ("float32", 256), ("bfloat16", 512),
                             ("float32", 1024), ("bfloat16", 1024)):  # fmt: skip
                table = cfg.forward_config(n, h.torch_dtype(dtype), "H200").block_m
                forward_tiles(dtype, m, n, [(r, w) for r, w in grid if r <= table])
    if "G" in parts:
        grid = [(r, w) for r in (2, 4, 8, 16, 32) for w in (1, 2, 4, 8, 16) if r * 256 >= w * 64]
        for dtype, n in (("float32", 256), ("bfloat16", 256), ("float32", 512),
                         ("bfloat16", 512), ("float32", 1024)):  # fmt: skip
            forward_tiles(dtype, 4096, n, grid, with_compile=True)
