"""Probe 77 (nineteenth session): the new FWD_LAGGED_SLICES rule (16-bit rows of 98305-131072
columns in 7-8 lagged slices of 16384, 8 warps) against the streamed rule it replaces, through
the default config path, at the widths probe 76 measured and between them (the last slice
partly masked: unmeasured before).
Prediction: +6 to +14 points at multiples of 16384 (probe 76), somewhat less where the last
slice is partly empty.
Method as probes 63-76 (probe7.run_point: 3 interleaved rounds, each variant checked first
against the float64 reference), M = 4096. From the repository root, with ab/probe7.py (carry
["ab"]):
  PYTHONPATH=.:ab python docs/perf/h200/nineteenth-session/probe77.py [dtype:N ...]
(call 7 ran it as probe 79 with bfloat16:240000 bfloat16:245760 float16:245760 bfloat16:262144
float16:262144, after the rule took 229377-262144 too.)
"""

import sys

import torch

from kernels import config as cfg

M = 4096
POINTS = [
    ("bfloat16", 100000),
    ("bfloat16", 106496),
    ("bfloat16", 114688),
    ("bfloat16", 122880),
    ("bfloat16", 131072),
    ("float16", 100000),
    ("float16", 131072),
]
if sys.argv[1:]:
    POINTS = [(a.split(":")[0], int(a.split(":")[1])) for a in sys.argv[1:]]


def streamed_rule(n, tdt):
    """The config before FWD_LAGGED_SLICES."""
    saved = cfg.FWD_LAGGED_SLICES
    cfg.FWD_LAGGED_SLICES = {}
    cfg.forward_config.cache_clear()
    try:
        return cfg.forward_config(n, tdt, "H200")
    finally:
        cfg.FWD_LAGGED_SLICES = saved
        cfg.forward_config.cache_clear()


def forward(dtype, n):
    import probe7

    from kernels import layernorm as ln
    from kernels.bench import harness as h
    from kernels.reference import assert_close, layer_norm_reference

    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    vs = {"rule": cfg.forward_config(n, tdt, "H200"), "streamed (old rule)": streamed_rule(n, tdt)}

    def call(v):
        return ln._forward(x, w, b, 1e-5, vs[v], stats=False)

    def check(v):
        for _ in range(3):
            assert_close(call(v)[0], ref, tdt, f"{v} y")

    print(f"forward {dtype} {n}: " + "; ".join(f"{k} {c}" for k, c in vs.items()), flush=True)
    probe7.run_point("forward", dtype, n, vs, call, check)
    del x, w, b, ref, inp
    torch.cuda.empty_cache()


if __name__ == "__main__":
    for dtype, n in POINTS:
        forward(dtype, n)
