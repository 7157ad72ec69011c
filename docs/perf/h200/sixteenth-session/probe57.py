"""Probe 57 (sixteenth session).

A. M = 4096 forward tiles at N = 1024, 2048, 4096, every dtype, against the table and
   torch.compile. Probe 56 B found 2 warps beating the table's 4 at bf16 2048 with 2-row tiles
   (M = 2048: 9.50 against 10.69 us); the table never offered fewer than 4 warps
   (FWD_SHORT_ROW_WARPS) and 16-bit 2048-4096 are the last whole-row widths under 95% of copy.
   Grid: rows 1-8 x warps 1-8 (at most 8192 elements a tile, at least 4 elements a thread).
   Prediction: 2 warps gain 3-10% at 16-bit 2048, less at 4096 and in fp32.
B. The few-rows fit at M = 256-4096 (probe 56 B: at M = 512-2048 tiles of about 4 programs a
   SM won by 3-8% over the table's and the fit's, with 4 warps where a program's SM is shared):
   the table, today's fit and a candidate (fit_candidate below), side by side, for N = 256-2048,
   bf16 and fp32. Prediction: the candidate ties or wins at every M < 4096 and equals the
   table at M = 4096 except bf16 256 (8 rows, 4 warps: within 1%, probe 53 G).
C. The backward with two programs a SM at 16-bit 4096 and bf16 8192 (the whole-row points under
   85%: 76-77% and 84%). BWD_PROGRAMS_PER_SM = 1 won when the loads were prefetched into
   registers; since then the loads are pipelined through shared memory and strided, and the
   limit looks like each row's two block-wide reductions (probe 55), whose barriers a second
   program on the SM could hide. Shared memory allows it (3 stages of a 2-row bf16 4096 tile:
   96 KB a program). Prediction: +2-5 points at 4096 if registers stay under 128 a thread,
   else a loss; more partial rows (2 a SM) cost 1-2% at 4096.
Method as probes 52-56 (probe7.run_point: 3 interleaved rounds, each variant checked first).
From the repository root, with ab/probe7.py and carry ["ab"]:
PYTHONPATH=.:ab:docs/perf/h200/fifteenth-session python <this file> [A] [B] [C]
DRY=1 TRITON_INTERPRET=1 (no GPU): checks every variant on the interpreter, times none."""

import dataclasses
import sys

import probe7
import torch
from probe53 import DEVICE, DRY, SMS, forward_tiles, run_point

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference, reference_grads


def fit_candidate(conf, m, sms, size):
    """Today's fit with 4 programs a SM instead of 1, and 4 warps once the grid fills the SMs."""
    least = min(
        cfg.cdiv(cfg.FWD_FIT_MIN_TILE_BYTES, conf.block_n * size), 1 << (m - 1).bit_length()
    )
    rows = max(cfg.program_rows(m, 4 * sms), least)
    if conf.block_m <= rows or conf.splits > 1 or conf.num_chunks > 1:
        return conf
    if cfg.cdiv(m, rows) >= sms:
        warps = cfg.FWD_SHORT_ROW_WARPS
    else:
        warps = rows * conf.block_n * size // cfg.FWD_FIT_WARP_BYTES
        warps = min(cfg.FWD_FIT_MAX_WARPS, max(cfg.FWD_SHORT_ROW_WARPS, warps))
    return dataclasses.replace(conf, block_m=rows, num_warps=warps)


def fits(dtype, m, n):
    tdt = h.torch_dtype(dtype)
    m = min(m, 64) if DRY else m
    probe7.M = m
    inp = h._random_inputs(m, n, dtype, DEVICE)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    table = cfg.forward_config(n, tdt, "H200")
    confs = {}
    for name, conf in (("table", table),
                       ("fit", cfg.fit_forward_tile(table, m, SMS, tdt.itemsize)),
                       ("candidate", fit_candidate(table, m, SMS, tdt.itemsize))):  # fmt: skip
        confs[f"{name} r{conf.block_m} w{conf.num_warps}"] = conf
    calls = {k: (lambda c=c: ln._forward(x, w, b, 1e-5, c)[0]) for k, c in confs.items()}

    def check(v):
        assert_close(calls[v](), ref, tdt, v)

    print(f"M = {m}:", flush=True)
    run_point("forward", dtype, n, list(calls), lambda v: calls[v](), check)


def two_programs(dtype, n, m=4096):
    tdt = h.torch_dtype(dtype)
    m = min(m, 64) if DRY else m
    probe7.M = m
    inp = h._random_inputs(m, n, dtype, DEVICE)
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    rule = cfg.backward_config(n, tdt, "H200", 232448, tdt.itemsize)
    confs = {"rule": rule}
    for rows, warps, stages in ((rule.block_m, 8, 3), (1, 8, 3), (1, 4, 3), (rule.block_m, 4, 3),
                                (rule.block_m, 8, 2), (1, 4, 4)):  # fmt: skip
        conf = dataclasses.replace(
            rule, programs_per_sm=2, block_m=rows, num_warps=warps, load_stages=stages
        )
        confs[f"2/SM m{rows} w{warps} S{stages}"] = conf
    calls = {
        k: (lambda c=c: ln._backward(dy, x, w, mean, rstd, True, tdt, c)) for k, c in confs.items()
    }

    def check(v):
        for name, got, r in zip(("dx", "dw", "db"), calls[v](), ref, strict=True):
            assert_close(got, r, tdt, f"{v} {name}")

    print(f"  {dtype} {n} rule: {rule}", flush=True)
    run_point("backward", dtype, n, list(calls), lambda v: calls[v](), check)


if __name__ == "__main__":
    parts = sys.argv[1:] or ["A", "B", "C"]
    print(torch.__version__, flush=True)
    if not DRY:
        print(torch.cuda.get_device_name(), flush=True)
        torch._dynamo.config.recompile_limit = 1000
    if "A" in parts:
        for n in (2048, 4096, 1024):
            grid = [(r, w) for r in (1, 2, 4, 8) for w in (1, 2, 4, 8)
                    if r * n <= 8192 and w * 32 * 4 <= r * n]  # fmt: skip
            for dtype in ("bfloat16", "float16", "float32"):
                forward_tiles(dtype, 4096, n, grid, with_compile=n != 1024)
    if "B" in parts:
        for m in (256, 512, 768, 1024, 1536, 2048, 3072, 4096):
            for n in (256, 512, 1024, 2048):
                for dtype in ("bfloat16", "float32"):
                    fits(dtype, m, n)
    if "C" in parts:
        for dtype, n in (("bfloat16", 4096), ("float16", 4096), ("bfloat16", 8192)):
            two_programs(dtype, n)
