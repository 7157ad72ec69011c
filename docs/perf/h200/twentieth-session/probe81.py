"""Probe 81 (twentieth session): the streamed forward's pass 1 with fewer instructions.

Offline sm_90 SASS (Triton 3.6) of the exact-chunk streamed forward (ExactChunkStreaming: lane
statistics, full tiles) counts 27 instructions per element at bf16 8192 (856 a thread for 32
elements), of which the (mean, M2, count) lane merge, whose every combine divides, is about a
third, and bf16's conversions make it 8% more than fp16 (792): at ~3.8 TB/s that is about 80%
of the SMs' issue rate, so the 16-bit forward may be issue-bound, which would explain why bf16
runs 4-6 points under fp16 at 8192-32768 in every bench since the thirteenth session.
Change (kernels/layernorm.py, "new"): (1) the first chunk sets the lanes instead of updating
zeros; (2) with full tiles every lane holds NUM_CHUNKS columns, so the row's mean and M2 come
from two plain sums over the lanes (a two-pass variance of the lane means) instead of a
tl.reduce of triples: 856 -> 728 instructions (bf16 8192), 488 -> 392 (fp32 8192). Registers
grow (32 -> 40-49 at 8-32 warps), which at 32 warps leaves one 1024-thread program a SM instead
of two: "new r32" caps them at 32 (maxnreg; no spills at bf16 4 x 8192, 8 bytes at 8 x 8192).
Prediction: +2 to +5 points of copy at 16-bit 8192-32768 (more at bf16), +0 to +3 at fp32,
unless the register growth costs it at 32 warps (then r32 recovers it).
Variants, same ForwardConfig (the H200 rule) each: "base" (ab/kernels_base: the kernels at
b96b4b8), "new", "new r32" (32-warp configs only), at chosen points also "peel" and "merge"
(ab/kernels_peel, ab/kernels_merge: one change each). Method as probes 63-80
(probe7.run_point: 3 interleaved rounds, each variant checked first against the float64
reference), M = 4096, stats off (the bench's inference forward).
  PYTHONPATH=.:ab python docs/perf/h200/twentieth-session/probe81.py [dtype:N[:x] ...]
Call 1 ran the default points with the first "new" (the lane merge whatever count_once); call 2
the points in call2.sh with the merge only where the lanes are counted once (count_once: the
fp32 rows streamed in 8192- and 16384-wide chunks carry their counts and keep the old merge);
call 3 the 16-bit rows in 8192-wide chunks with 16 warps too ("w16": 32 B a thread a chunk).
"""

import dataclasses
import importlib
import sys

import torch

M = 4096
POINTS = [
    ("bfloat16", 8192), ("float16", 8192), ("bfloat16", 16384), ("float16", 16384),
    ("bfloat16", 32768), ("float16", 32768), ("bfloat16", 65536), ("float16", 65536),
    ("float32", 8192), ("float32", 16384), ("float32", 65536), ("float32", 40960),
    ("bfloat16", 12288), ("bfloat16", 20480), ("float32", 12288), ("bfloat16", 49152),
]
EXTRA = {("bfloat16", 8192), ("bfloat16", 32768), ("float32", 16384)}
WARPS16 = set()
if sys.argv[1:]:  # dtype:N, dtype:N:x to add "peel" and "merge", dtype:N:xw also 16-warp ones
    POINTS = [(a.split(":")[0], int(a.split(":")[1])) for a in sys.argv[1:]]
    EXTRA = {(a.split(":")[0], int(a.split(":")[1])) for a in sys.argv[1:] if ":x" in a}
    WARPS16 = {(a.split(":")[0], int(a.split(":")[1])) for a in sys.argv[1:] if a.endswith("w")}


def launch(ln, x, w, b, conf, **options):
    """ln._forward's one-program-a-row path (stats off), with extra compile options."""
    m, n = x.shape
    y = torch.empty_like(x)
    args = (x, y, w, b, y, y, x.stride(0), m, n, 1e-5)
    consts = ln._fwd_kernel_consts(conf, m, n, True, True, False)
    ln._launch(ln._fwd_kernel, (-(-m // conf.block_m),), args, consts,
               num_warps=conf.num_warps, **options)
    return y


def forward(dtype, n):
    import probe7

    from kernels import config as cfg
    from kernels.bench import harness as h
    from kernels.reference import assert_close, layer_norm_reference

    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    conf = cfg.forward_config(n, tdt, "H200")
    assert conf.splits == 1 and conf.lane_stats, conf
    pkgs = {"base": "kernels_base", "new": "kernels"}
    if (dtype, n) in EXTRA:
        pkgs.update(peel="kernels_peel", merge="kernels_merge")
    vs = {k: (importlib.import_module(p + ".layernorm"), {}, conf) for k, p in pkgs.items()}
    if conf.num_warps == 32 and (dtype, n) not in WARPS16:
        vs["new r32"] = (vs["new"][0], dict(maxnreg=32), conf)
    if (dtype, n) in WARPS16:
        for k in ("base", "new", "merge"):
            vs[k + " w16"] = (vs[k][0], {}, dataclasses.replace(conf, num_warps=16))

    def call(v):
        ln, options, c = vs[v]
        return launch(ln, x, w, b, c, **options)

    def check(v):
        for _ in range(3):
            assert_close(call(v), ref, tdt, f"{v} y")

    print(f"forward {dtype} {n}: {conf}", flush=True)
    probe7.run_point("forward", dtype, n, vs, call, check)
    del x, w, b, ref, inp
    torch.cuda.empty_cache()


if __name__ == "__main__":
    for dtype, n in POINTS:
        forward(dtype, n)
