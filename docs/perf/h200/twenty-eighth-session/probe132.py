"""Probe 132 (twenty-eighth session): the streamed forward's pass 2 one chunk ahead
(ForwardConfig.pass2_ahead) against the rules.

Offline SASS (Triton 3.6, sm_90; entry 66's comparison with torch.compile's fp32 5120 kernel):
every streamed kernel's pass 2 issues chunk c + 1's loads only after chunk c's store, since the
compiler may not move a load above a store that might alias it; so each chunk is a full
load-to-store round trip, 5 of them at fp32 5120 (1024-wide chunks, 8-byte accesses) against
torch.compile's 3 (masked 2048-wide, 16-byte). pass2_ahead loads chunk c + 1's x, weight and
bias before storing chunk c. Predicted: +1-3% where an SM holds several programs (fp32 5120
closes on torch.compile), more where it holds one or two 32-warp programs (16-bit 65536, 82% of
copy; fp32 65536, 85%); a loss where the extra registers spill (bf16 32768's 32-register cap).
Also at fp32 5120: torch.compile's tiling in our kernel (masked 2048-wide chunks, counts once,
which drops two barriers; a 40-register cap, which offline issues all of pass 1's loads first).
6 rotated rounds (harness.rotated_rounds) with the copy; every variant checked against the
float64 reference first. M = 4096, inference (no statistics).
  PYTHONPATH=. python docs/perf/h200/twenty-eighth-session/probe132.py [dtype:N ...]
(call 7 ran it on the widths call 6 left out, given as dtype:N arguments).
"""

import sys
from dataclasses import replace

import torch
import torch.nn.functional as F

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

CUDA = torch.cuda.is_available()
M = 4096 if CUDA else 4
ROUNDS = 6
POINTS = [
    ("float32", 5120),
    ("float32", 6144),
    ("float32", 10240),
    ("float32", 16384),
    ("float32", 65536),
    ("bfloat16", 5120),
    ("bfloat16", 16384),
    ("float16", 16384),
    ("bfloat16", 20480),
    ("bfloat16", 32768),
    ("float16", 32768),
    ("bfloat16", 65536),
    ("float16", 65536),
]


def point(dtype, n):
    dev = torch.device("cuda" if CUDA else "cpu")
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, dev)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    confs = {"rule": rule, "rule, pass 2 ahead": replace(rule, pass2_ahead=True)}
    if (dtype, n) == ("float32", 5120):
        masked = replace(rule, block_n=2048, num_chunks=3, equal_lanes=False)
        confs["masked 2048, counts once"] = masked
        confs["masked 2048, counts once, ahead"] = replace(masked, pass2_ahead=True)
        confs["masked 2048, 40 regs, ahead"] = replace(masked, max_registers=40, pass2_ahead=True)
    fns = {v: (lambda c=c: ln._forward(x, w, b, 1e-5, c, stats=False)[0]) for v, c in confs.items()}
    if CUDA and n == 5120:
        compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
        fns["torch.compile"] = lambda: compiled(x, (n,), w, b, 1e-5)
    for v, f in fns.items():
        assert_close(f(), ref, tdt, f"{dtype} {n} {v}")
    if not CUDA:
        print(f"{dtype} {n}: {len(fns)} variants checked on the interpreter")
        return
    fns["copy"] = h._copy_case("forward", M, n, dtype, dev).fn
    res = {v: [t * 1e3 for t in ts] for v, ts in h.rotated_rounds(fns, ROUNDS).items()}
    nbytes = h.bytes_moved("forward", M, n, dtype)
    shape = f"{rule.block_n}x{rule.num_chunks} {rule.num_warps}w"
    for v, ts in res.items():
        pct = [c / t * 100 for c, t in zip(res["copy"], ts, strict=True)]
        print(
            f"{dtype:8s} {n:5d} {shape:12s} {v:32s} {min(ts):7.2f}-{max(ts):7.2f} us "
            f"{nbytes / min(ts) / 1e3:5.0f} GB/s  {min(pct):5.1f}-{max(pct):5.1f}% of copy",
            flush=True,
        )
    del x, w, b, inp, ref, fns
    torch.cuda.empty_cache()


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    if CUDA:
        print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    points = [(a.split(":")[0], int(a.split(":")[1])) for a in sys.argv[1:]] or POINTS
    for dtype, n in points if CUDA else points[:1]:
        point(dtype, n)
