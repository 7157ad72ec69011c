"""Probe 96 (twenty-second session): the short-row forward against torch.compile. Inductor's
kernel for these rows (fifteenth session, probe54-inductor-kernel.txt) has its shapes as
constants (32-bit, stride-free index arithmetic, no masks) and loads weight and bias before the
reductions; ours takes M, N and the stride at run time (64-bit row offsets; the masks already
fold with full tiles) and loads the parameters after the reductions at these widths. Variants:
  default        the rule (inference forward, statistics off, as the bench)
  params first   ForwardConfig.params_first (weight and bias loaded with x)
  i32            ab/kernels_i32: 32-bit row offsets
  cx             ab/kernels_cx: M, N and the stride as constexprs (a kernel per shape)
  cx params first
Offline (sm_90, Triton 3.6), instructions: fp32 256 288 (default, i32) -> 264 (cx); fp16 512
432 -> 424 -> 408; fp32 512 176 -> 176 -> 160; bf16 256 136 -> 136 -> 128. Prediction: if the
0.1-0.4 us to torch.compile (bench: 0.95-0.99x at 256-512) is per-program latency, params
first closes part of it (the parameters' L2 latency off the critical path) and cx a little;
if neither moves, it is the tile (inductor autotunes XBLOCK) or the launch.
Method as probes 63-95: M = 4096, 3 interleaved rounds, each variant checked against the
float64 reference first.
  PYTHONPATH=.:ab python docs/perf/h200/twenty-second-session/probe96.py
"""

from dataclasses import replace

import probe7
import torch
import torch.nn.functional as F

import kernels_cx.layernorm as ln_cx
import kernels_i32.layernorm as ln_i32
from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

M = 4096
POINTS = [("float32", 256), ("float32", 512), ("float16", 512), ("bfloat16", 512),
          ("bfloat16", 256), ("float16", 256)]


def forward(dtype, n):
    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    first = replace(rule, params_first=True)
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    fns = {
        "default": lambda: ln._forward(x, w, b, 1e-5, rule, stats=False)[0],
        "params first": lambda: ln._forward(x, w, b, 1e-5, first, stats=False)[0],
        "i32": lambda: ln_i32._forward(x, w, b, 1e-5, rule, stats=False)[0],
        "cx": lambda: ln_cx._forward(x, w, b, 1e-5, rule, stats=False)[0],
        "cx params first": lambda: ln_cx._forward(x, w, b, 1e-5, first, stats=False)[0],
        "torch.compile": lambda: compiled(x, (n,), w, b, 1e-5),
    }

    def check(v):
        for _ in range(2):
            assert_close(fns[v](), ref, tdt, v)

    print(f"forward {dtype} {n}: {rule}", flush=True)
    probe7.run_point("forward", dtype, n, fns, lambda v: fns[v](), check)


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    for dtype, n in POINTS:
        forward(dtype, n)
