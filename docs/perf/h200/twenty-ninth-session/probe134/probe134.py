"""Probe 134 (twenty-ninth session): the forward's >= 95% misses with pass 2 ahead, x alone
ahead (x-ahead.diff: ForwardConfig.params_ahead) and other chunkings or warps.

Probe 133 (call 1): x alone ahead +0.5-0.8% at fp32 16384 and 65536, ties at 20480-24576, loses
at 16-bit; the whole ahead load stays where it won. Left: fp32 32768 (whole row, 91% of copy),
24576 (91%), 65536 (85%), 9216 (91%), 11264 (88.5%); bf16 8192 (94%), 16384 (93%), 32768 (94%).
Offline (Triton 3.6, sm_90, regs.txt): streamed fp32 32768 takes 40-42 registers at 32 warps (1
program a SM, as the whole row's 63), 62 at 16 warps (2 a SM); capped at 32 it spills 16 bytes.
Variants (variants.py): the rule; streamed rows in other chunks, warps, ahead or not. 6 rotated
rounds with the copy; every variant checked against the float64 reference first. M = 4096.
  git apply docs/perf/h200/twenty-eighth-session/prepared/x-ahead.diff
  PYTHONPATH=.:docs/perf/h200/twenty-ninth-session/probe134 python .../probe134.py [variants135]
"""

import importlib
import sys

import torch

from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

M = 4096
ROUNDS = 6


def point(dtype, n, variants):
    dev = torch.device("cuda")
    name = str(dtype).removeprefix("torch.")
    inp = h._random_inputs(M, n, name, dev)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    fns = {}
    for v, c in variants(dtype, n).items():
        f = lambda c=c: ln._forward(x, w, b, 1e-5, c, stats=False)[0]  # noqa: E731
        try:
            assert_close(f(), ref, dtype, f"{name} {n} {v}")
        except Exception as e:  # a variant that fails is reported, not timed
            print(f"{name:8s} {n:5d} {v:28s} FAILED {type(e).__name__}: {str(e)[:160]}", flush=True)
            continue
        fns[f"{v} [{c.block_n}x{c.num_chunks} {c.num_warps}w]"] = f
    fns["copy"] = h._copy_case("forward", M, n, name, dev).fn
    res = {v: [t * 1e3 for t in ts] for v, ts in h.rotated_rounds(fns, ROUNDS).items()}
    nbytes = h.bytes_moved("forward", M, n, name)
    for v, ts in res.items():
        pct = [c / t * 100 for c, t in zip(res["copy"], ts, strict=True)]
        print(
            f"{name:8s} {n:5d} {v:44s} {min(ts):7.2f}-{max(ts):7.2f} us "
            f"{nbytes / min(ts) / 1e3:5.0f} GB/s  {min(pct):5.1f}-{max(pct):5.1f}% of copy",
            flush=True,
        )
    del fns
    torch.cuda.empty_cache()


if __name__ == "__main__":
    # Probe 135: the same with variants135 (fp32 1024-2048-wide chunks: 32 warps, padded load).
    mod = importlib.import_module(sys.argv[1] if len(sys.argv) > 1 else "variants")
    print(torch.cuda.get_device_name(), torch.__version__, mod.__name__, flush=True)
    for dtype, n in mod.POINTS:
        point(dtype, n, mod.variants)
