"""Probe 129 (twenty-eighth session): warps of the forward's exactly chunked rows at 5120 and
6144, where torch.compile tied or beat the rule (probe 127: fp32 5120 rule 48.26-49.02 us
against torch.compile's 47.84-47.90; 6144 55.94-56.13 against 55.71-55.94).

The rule (FWD_STREAM_EXACT_CHUNKS) streams fp32 5120 as 5 chunks of 1024 with 16 warps, so a
thread loads 2 fp32 (8 bytes) of a chunk, half a 16-byte vector; 16-bit 5120 as 5 of 1024 with
8 warps (4 elements, 8 bytes); 6144 as 3 of 2048 (fp32 16 warps, 16-bit 8: 16 bytes a thread).
The warps were chosen on wider rows (entries 34, 37). torch.compile's kernel for fp32 5120 is a
looped two-pass Welford reduction with evict_last/evict_first hints (call 2's inductor-5120.txt),
the same plan as the rule. Prediction: fewer warps (a whole 16-byte vector a thread) +1-3% at
fp32 5120 and 16-bit 5120; 6144 ties. Variants: the rule's conf with 4, 8, 16, 32 warps; the
copy and torch.compile among them; 6 rotated rounds (harness.rotated_rounds), every variant
checked against the float64 reference first. M = 4096, inference (no statistics).
  PYTHONPATH=. python docs/perf/h200/twenty-eighth-session/probe129.py
"""

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
POINTS = [(dtype, n) for n in (5120, 6144) for dtype in ("float32", "bfloat16", "float16")]


def point(dtype, n):
    dev = torch.device("cuda" if CUDA else "cpu")
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, dev)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    confs = {
        f"{k:2d} warps{' (rule)' if k == rule.num_warps else ''}": replace(rule, num_warps=k)
        for k in (4, 8, 16, 32)
    }
    fns = {v: (lambda c=c: ln._forward(x, w, b, 1e-5, c, stats=False)[0]) for v, c in confs.items()}
    if CUDA:
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
    for v, ts in res.items():
        pct = [c / t * 100 for c, t in zip(res["copy"], ts)]
        print(
            f"{dtype:8s} {n:5d} {v:16s} {rule.block_n}x{rule.num_chunks} "
            f"{min(ts):7.2f}-{max(ts):7.2f} us {nbytes / min(ts) / 1e3:5.0f} GB/s  "
            f"{min(pct):5.1f}-{max(pct):5.1f}% of copy",
            flush=True,
        )
    torch.cuda.empty_cache()


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    if CUDA:
        print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for dtype, n in POINTS if CUDA else POINTS[:2]:
        point(dtype, n)
