"""Probe 52 (prepared in the fourteenth session, NOT RUN; no device time was left).

A. Does the persistent grid lose to the flat one through the order it walks memory? Probe 49:
   a bare x + dy -> dx row loop with one program per SM, each program walking its own
   contiguous run of rows (as the backward's groups do), stopped at 91-94% of copy at N =
   4096-8192 whatever its pipeline, where the flat kernel (block i = rows i) ran 97-100%. At
   any moment the contiguous walk has 132 programs x 3 streams at 132 far-apart addresses; the
   flat grid and a grid-stride walk (program p takes rows p, p + P, p + 2P, ...) keep all SMs
   on neighbouring rows, the DRAM on fewer open pages. Variants: contiguous against strided,
   1-2 row tiles, 3-4 stages, 8 warps; flat. Prediction: strided +2-5 points at 4096-8192,
   near flat; if so, the backward's row loop (any fixed assignment of rows to programs keeps
   dweight/dbias deterministic) should walk its tiles strided (a kernel change, next).
   Also the same loop with its loads and stores by the tensor memory accelerator (Triton host
   tensor descriptors over a (M * N / 256, 256) view, one row a tile, 3-4 stages; offline sm_90
   compile with Triton 3.6: pipelined, 41-115 KB of shared memory): bulk copies need neither
   registers nor per-thread addresses, so one program per SM may keep more in flight.
   Prediction: TMA at or above the cp.async loop; if near flat, the backward's loads could go
   that way (its tile is a whole row: the descriptor's box is at most 256 a side).
B. The few-rows tiles between M = 64 and 4096 (entry 39 left them unmeasured): forward and
   backward, the tables' tiles, the fitted ones (cfg.fit_*_tile, the default path) and 1-row
   tiles, with torch.compile, at M = 128, 264, 512, 1024, 2048 and N = 256, 1024, 2048.
   Prediction: fitted at or below the table everywhere; bf16 256 forward at M = 512 the one
   place the table's 16-row tile may still win (probe 51: 5.06 against 5.25 us with 1 row).
C. Only with strided-walk.diff applied (BackwardConfig.strided, kernel flag STRIDED: a group's
   row tiles g, g + groups, ... instead of a contiguous run): our backward, the rule against the
   rule strided, at whole rows (1024-8192, fp32 12288 with its tail) and split rows (16384,
   32768). dx must be bitwise the rule's (same rows, same arithmetic; checked), dweight/dbias
   within tolerance (another summation order). Prediction: what A shows for the bare loop, less
   at split rows, whose groups wait for each other at every tile anyway.
Same method as the other probes (probe7.run_point: 3 interleaved rounds, each variant checked
first). From the repository root, with ab/probe7.py (see ../README.md) and carry ["ab"]:
PYTHONPATH=.:ab:docs/perf/h200/fourteenth-session python <this file> [A] [B] [C]"""

import dataclasses
import sys

import probe7
import torch
import triton
import triton.language as tl
from probe7 import run_point
from probe49 import _add_flat
from triton.tools.tensor_descriptor import TensorDescriptor

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference, reference_grads

SMS = torch.cuda.get_device_properties(0).multi_processor_count


@triton.jit
def _add_rows(X, Y, Z, M, N, tiles_per_program, programs, BLOCK_M: tl.constexpr,
              BLOCK_N: tl.constexpr, STAGES: tl.constexpr, STRIDED: tl.constexpr):  # fmt: skip
    # Tile t of program p: tile p * tiles_per_program + t (contiguous) or p + t * programs.
    p = tl.program_id(0)
    cols = tl.arange(0, BLOCK_N)
    for t in tl.range(0, tiles_per_program, num_stages=STAGES):
        tile = p + t * programs if STRIDED else p * tiles_per_program + t
        rows = tile * BLOCK_M + tl.arange(0, BLOCK_M)
        offs = rows[:, None] * N + cols[None, :]  # int32: M * N < 2**31 here
        mask = (rows < M)[:, None]
        z = tl.load(X + offs, mask=mask).to(tl.float32) + tl.load(Y + offs, mask=mask).to(
            tl.float32
        )
        tl.store(Z + offs, z.to(Z.dtype.element_ty), mask=mask)


@triton.jit
def _add_rows_tma(XD, YD, ZD, tiles_per_program, programs, T: tl.constexpr,
                  STAGES: tl.constexpr, STRIDED: tl.constexpr):  # fmt: skip
    # Tiles of T rows of the (M * N / 256, 256) views: one LayerNorm row a tile when T = N / 256.
    # Tiles past the end load zeros and store nothing (the descriptor clips them), so the loop
    # has no condition, which would keep Triton from pipelining it.
    p = tl.program_id(0)
    for t in tl.range(0, tiles_per_program, num_stages=STAGES):
        tile = p + t * programs if STRIDED else p * tiles_per_program + t
        z = XD.load([tile * T, 0]).to(tl.float32) + YD.load([tile * T, 0]).to(tl.float32)
        ZD.store([tile * T, 0], z.to(ZD.dtype))


def stream_order(dtype, n, m=4096):
    tdt = h.torch_dtype(dtype)
    probe7.M = m
    inp = h._random_inputs(m, n, dtype, torch.device("cuda"))
    x, dy = inp["x"], inp["dy"]
    dx = torch.empty_like(x)
    fns = {}
    for bm, stages in ((1, 3), (1, 4), (2, 3)):
        tiles = triton.cdiv(triton.cdiv(m, bm), SMS)
        for strided in (False, True):
            name = f"{'strided' if strided else 'contiguous'} M{bm} S{stages}"
            fns[name] = lambda bm=bm, s=stages, t=tiles, st=strided: _add_rows[(SMS,)](
                x, dy, dx, m, n, t, SMS, BLOCK_M=bm, BLOCK_N=n, STAGES=s, STRIDED=st,
                num_warps=8,
            )  # fmt: skip
    t = n // 256  # one row a tile
    descs = [TensorDescriptor.from_tensor(v.view(-1, 256), [t, 256]) for v in (x, dy, dx)]
    tiles = triton.cdiv(m, SMS)
    for stages in (3, 4):
        for strided in (False, True):
            name = f"TMA {'strided' if strided else 'contiguous'} M1 S{stages}"
            fns[name] = lambda s=stages, st=strided: _add_rows_tma[(SMS,)](
                *descs, tiles, SMS, T=t, STAGES=s, STRIDED=st, num_warps=8
            )
    block = 16384 // x.element_size()
    fns["flat"] = lambda: _add_flat[(triton.cdiv(x.numel(), block),)](
        x, dy, dx, x.numel(), BLOCK=block, num_warps=8
    )
    add_ref = (x.float() + dy.float()).to(tdt)

    def check(v):
        dx.zero_()
        fns[v]()
        torch.testing.assert_close(dx, add_ref, atol=1e-6, rtol=2**-7, msg=v)  # 1 ulp

    run_point("backward", dtype, n, list(fns), lambda v: fns[v](), check)


def few_rows(mode, dtype, m, n):
    tdt = h.torch_dtype(dtype)
    probe7.M = m
    inp = h._random_inputs(m, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    if mode == "forward":
        table = cfg.forward_config(n, tdt, "H200")
        fit = cfg.fit_forward_tile(table, m, SMS)
        one = dataclasses.replace(table, block_m=1, num_warps=4)
        ref = (layer_norm_reference(x, (n,), w, b, 1e-5),)

        def run(conf):
            return (ln._forward(x, w, b, 1e-5, conf)[0],)
    else:
        _, mean, rstd = ln._forward(x, w, b, 1e-5)
        table = cfg.backward_config(n, tdt, "H200", 232448, tdt.itemsize)
        fit = cfg.fit_backward_tile(table, m, SMS)
        one = dataclasses.replace(table, block_m=1)
        ref = reference_grads(x, (n,), w, b, 1e-5, dy)

        def run(conf):
            return ln._backward(dy, x, w, mean, rstd, True, tdt, conf)

    confs = {f"table (tile {table.block_m})": table}
    if fit != table:
        confs[f"fitted (tile {fit.block_m}, {fit.num_warps} warps)"] = fit
    if one not in (table, fit):
        confs["1-row tiles"] = one
    calls = {k: (lambda c=c: run(c)) for k, c in confs.items()}

    def check(v):
        for got, r in zip(calls[v](), ref, strict=True):
            assert_close(got, r, tdt, v)

    compiled = h.prepare("torch_compile", mode, m, n, dtype)  # checked by prepare
    calls["torch.compile"] = compiled.fn
    print(f"M = {m}:", flush=True)
    run_point(
        mode, dtype, n, list(calls), lambda v: calls[v](),
        lambda v: v == "torch.compile" or check(v),
    )  # fmt: skip


def strided_backward(dtype, n, m=4096):
    tdt = h.torch_dtype(dtype)
    probe7.M = m
    inp = h._random_inputs(m, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    rule = cfg.backward_config(n, tdt, "H200", 232448, tdt.itemsize)
    confs = {"rule": rule}
    if not rule.prefetch:
        confs["rule, strided"] = dataclasses.replace(rule, strided=True)
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
    parts = sys.argv[1:] or ["A", "B"]
    print(torch.cuda.get_device_name(), torch.__version__, triton.__version__, flush=True)
    torch._dynamo.config.recompile_limit = 1000
    if "A" in parts:
        for dtype, n in (("bfloat16", 4096), ("float32", 4096), ("bfloat16", 8192),
                         ("bfloat16", 1024)):  # fmt: skip
            stream_order(dtype, n)
    if "C" in parts:
        if "strided" not in {f.name for f in dataclasses.fields(cfg.BackwardConfig)}:
            sys.exit("part C needs strided-walk.diff applied (git apply, see next-call.sh)")
        for n in (1024, 2048, 4096, 8192, 12288, 16384, 32768):
            for dtype in ("bfloat16", "float32"):
                strided_backward(dtype, n)
    if "B" in parts:
        for m in (128, 264, 512, 1024, 2048):
            for n in (256, 1024, 2048):
                for dtype in ("bfloat16", "float32"):
                    for mode in ("forward", "backward"):
                        few_rows(mode, dtype, m, n)
