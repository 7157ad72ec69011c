"""Probe 46 (prepared in the thirteenth session, NOT RUN): the backward at few rows. Probe 45:
after entry 38, (1, 4096) bf16 runs 6.3 us against torch.compile's 5.2 (its rows kernel 3.1
against inductor's 2.0 us), with the config chosen for M = 4096 (2-row tiles, three load stages,
8 warps). Variants at M = 1, 8, 64 (N = 1024, 4096, 8192; bf16 and fp32): the rule; 1-row tiles
with and without pipelined loads; 4 and 16 warps. Prediction: at M = 1 the 1-row tile without
pipelining near inductor's time (-1 us); at M = 64 within noise of the rule. If it wins at
M = 1-8 only, a few-rows rule would be the first config keyed on M (forward_config and
backward_config take (N, dtype, family)): decide whether the gain is worth that.
Same method as the other probes (probe7.run_point: 3 interleaved rounds, reference check
first). Run from the repository root: PYTHONPATH=.:ab python <this file>"""

import dataclasses

import torch

from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads
import probe7
from probe7 import run_point


def variants(n, tdt):
    rule = cfg.backward_config(n, tdt, "H200", 232448, tdt.itemsize)
    vs = {"rule": rule}
    for stages in (1, 3):
        for warps in (4, 8, 16):
            vs[f"1-row tiles, {stages} stage(s), w{warps}"] = dataclasses.replace(
                rule, block_m=1, load_stages=stages, prefetch=False, num_warps=warps
            )
    return vs


def backward(dtype, m, n):
    tdt = h.torch_dtype(dtype)
    probe7.M = m  # run_point's bytes and copy use probe7.M
    inp = h._random_inputs(m, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    vs = variants(n, tdt)
    compiled = h.prepare("torch_compile", "backward", m, n, dtype)

    def call(v):
        if v == "torch.compile":
            return compiled.fn()
        return ln._backward(dy, x, w, mean, rstd, True, tdt, vs[v])

    def check(v):
        if v == "torch.compile":
            return  # checked by h.prepare
        for name, got, r in zip(("dx", "dw", "db"), call(v), ref, strict=True):
            assert_close(got, r, tdt, f"{v} {name}")

    run_point("backward", dtype, n, [*vs, "torch.compile"], call, check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for m in (1, 8, 64):
        for n in (1024, 4096, 8192):
            for dtype in ("bfloat16", "float32"):
                print(f"M = {m}:", flush=True)
                backward(dtype, m, n)
