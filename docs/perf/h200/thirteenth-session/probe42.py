"""Probe 42 (thirteenth session): after probe 41, a candidate rule for exact-chunk streaming
with the lanes counted once: warps such that each thread loads 16 B of a chunk (one 128-bit
load; chunk bytes / 512, at most 32), measured where probe 41 did not try it, against probe 41's
best there; and wide rows in narrower chunks so that 32 warps load 16 B each (fp32 4096-wide,
16-bit 8192-wide). Prediction: within 1-2 points of probe 41's best where the 16 B warps differ
from it (fewer warps: 4-8 B loads lost 6-12 points in probe 41); 16-bit 65536 in 8 chunks of
8192 with 32 warps near 49152's 85-87% (now 74-76%, 2 chunks of 32768); fp32 40960-65536 in
4096-wide chunks with 32 warps unknown (10-16 chunks; carried 8192-16384-wide: 84-86%).
One process, 3 interleaved rounds; every variant first checked against the float64 reference.
Run from the repository root: PYTHONPATH=.:ab python docs/perf/h200/thirteenth-session/probe42.py"""

import torch

import kernels
from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close
from probe7 import run_point

M = 4096
FLAGS = dict(lane_stats=True, l2_hints=True, in_order=True)


def once(chunk, n, warps):
    return cfg.ForwardConfig(chunk, n // chunk, 1, warps, count_once=True, **FLAGS)


def carried(chunk, n, warps):
    return cfg.ForwardConfig(chunk, n // chunk, 1, warps, **FLAGS)


# (dtypes, n): {variant: config}
POINTS = [
    (("bfloat16", "float16"), 5120, {"once w4": once(1024, 5120, 4), "once w8": once(1024, 5120, 8)}),
    (("bfloat16", "float16"), 9216, {"once w8": once(1024, 9216, 8), "once w4": once(1024, 9216, 4)}),
    (("bfloat16", "float16"), 11264, {"once w8": once(1024, 11264, 8), "once w4": once(1024, 11264, 4)}),
    (("bfloat16", "float16"), 18432, {"once w16": once(2048, 18432, 16), "once w8": once(2048, 18432, 8)}),
    (("bfloat16", "float16"), 22528, {"once w16": once(2048, 22528, 16), "once w8": once(2048, 22528, 8)}),
    (("float32",), 5120, {"once w16": once(1024, 5120, 16), "once w8": once(1024, 5120, 8)}),
    (("float32",), 9216, {"once w16": once(1024, 9216, 16), "once w8": once(1024, 9216, 8)}),
    (("float32",), 18432, {"once w32": once(2048, 18432, 32), "once w16": once(2048, 18432, 16)}),
    (("float32",), 12288, {"once w16": once(4096, 12288, 16), "once w32": once(4096, 12288, 32)}),
    (("bfloat16", "float16"), 57344, {
        "carried w16": carried(8192, 57344, 16), "once w32": once(8192, 57344, 32),
        "once 4096 w16": once(4096, 57344, 16)}),
    (("bfloat16", "float16"), 65536, {
        "rule (32768 x 2)": cfg.ForwardConfig(32768, 2, 1, 32),
        "once 8192 w32": once(8192, 65536, 32), "once 4096 w16": once(4096, 65536, 16)}),
    (("float32",), 40960, {"carried 8192 w32": carried(8192, 40960, 32), "once 4096 w32": once(4096, 40960, 32)}),
    (("float32",), 49152, {"carried 16384 w32": carried(16384, 49152, 32), "once 4096 w32": once(4096, 49152, 32)}),
    (("float32",), 65536, {"carried 16384 w32": carried(16384, 65536, 32), "once 4096 w32": once(4096, 65536, 32)}),
]


def forward(dtype, n, vs):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = kernels.layer_norm_reference(x, (n,), w, b)

    def call(v):
        return ln._forward(x, w, b, 1e-5, vs[v])[0]

    def check(v):
        assert_close(call(v), ref, tdt, f"{v} y")

    run_point("forward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for dtypes, n, vs in POINTS:
        for dtype in dtypes:
            forward(dtype, n, vs)
