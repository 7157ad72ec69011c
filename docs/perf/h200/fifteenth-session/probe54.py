"""Probe 54 (fifteenth session): the forward's few-rows fit, revised after probe 53 F
(cfg.fit_forward_tile: at least FWD_FIT_MIN_TILE_BYTES a tile, a warp per FWD_FIT_WARP_BYTES)
against the table's tile and the fourteenth session's fit (program_rows rows, warps
clamp(rows, 4, 16)). Prediction: the revised fit at or below both at every point within noise
(about 0.1 us), bf16 256 at M = 128-512 back to the table's time or below, fp32 1024 at M = 1-128
0.3-0.4 us under the old fit (8 warps).
Also: torch.compile's forward kernel for fp32 256 at M = 4096 (5% ahead of every tile in probe
53 G), printed by TORCH_LOGS=output_code, to read what it does differently.
PYTHONPATH=.:ab python docs/perf/h200/fifteenth-session/probe54.py [fit] [inductor]
DRY=1 TRITON_INTERPRET=1 (no GPU): checks every variant on the interpreter, times none."""

import dataclasses
import sys

import probe7
import torch
from probe53 import DEVICE, DRY, SMS, run_point

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference


def old_fit(conf, m):
    rows = cfg.program_rows(m, SMS)
    if conf.block_m <= rows:
        return conf
    return dataclasses.replace(conf, block_m=rows, num_warps=min(16, max(4, rows)))


def fits(dtype, m, n):
    tdt = h.torch_dtype(dtype)
    probe7.M = m
    inp = h._random_inputs(m, n, dtype, DEVICE)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    table = cfg.forward_config(n, tdt, "H200")
    confs = {}
    for name, conf in (("table", table), ("old fit", old_fit(table, m)),
                       ("fit", cfg.fit_forward_tile(table, m, SMS, tdt.itemsize))):  # fmt: skip
        if conf not in confs.values():
            confs[f"{name} r{conf.block_m} w{conf.num_warps}"] = conf
    calls = {k: (lambda c=c: ln._forward(x, w, b, 1e-5, c)[0]) for k, c in confs.items()}

    def check(v):
        assert_close(calls[v](), ref, tdt, v)

    print(f"M = {m}:", flush=True)
    run_point("forward", dtype, n, list(calls), lambda v: calls[v](), check)


if __name__ == "__main__":
    parts = sys.argv[1:] or ["fit"]
    print(torch.__version__, DEVICE, SMS, flush=True)
    if "fit" in parts:
        for m in (1, 8, 128, 264, 512, 1024, 2048):
            for dtype, n in (("bfloat16", 256), ("float16", 256), ("float32", 256),
                             ("bfloat16", 512), ("float32", 1024), ("bfloat16", 1024),
                             ("float32", 2048)):  # fmt: skip
                fits(dtype, min(m, 64) if DRY else m, n)
    if "inductor" in parts and not DRY:
        torch._logging.set_logs(output_code=True)
        h.prepare("torch_compile", "forward", 4096, 256, "float32")
