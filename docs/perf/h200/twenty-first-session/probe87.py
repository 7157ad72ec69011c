"""Probe 87 (twenty-first session): (A) whole-row tiles at the short widths, statistics stored
(training) and not (inference), with torch.compile beside them; (B) the copy's speed at 67 MB
by where its source and destination lie.

(A) Probes 85-86 found 16-bit 2048 and 4096 whole rows 3-6 points faster with 8 warps than with
the H200 table's 4 (measured better in the eighth session, before the kernel changes since).
The tables of the other short widths are as old. Variants: every tile of 1-8 rows and 2-16
warps that gives a thread 4-32 elements (fp32 at least 16 B, 16-bit at least 8 B a thread).
Prediction: at most a few points at 512-1536 (torch.compile ahead by 2-6% at 256-512).
(B) The copy of 67 MB ran 19.7-19.9 us in the bench and 20.8-21.6 in probes (log entry 42; in
probe 85 also 22.4-24.1 us at M = 3960 and 4224 against 21.0 at 4096). Here the same 33.6 MB
copied between views of one 512 MB buffer at several source/destination offsets. Prediction: if
placement is what sets the two speeds, the times split into groups 5-10% apart by offset.
  PYTHONPATH=.:ab python docs/perf/h200/twenty-first-session/probe87.py tiles|copy
"""

import sys

import torch
import torch.nn.functional as F

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

M = 4096
POINTS = [("float32", 512), ("float32", 1024), ("float32", 2048), ("bfloat16", 512),
          ("bfloat16", 1024), ("float16", 1024), ("bfloat16", 1536), ("bfloat16", 3072)]


def tiles(n, size, rule):
    block_n = rule.block_n
    out = {}
    for bm in (1, 2, 4, 8):
        for w in (2, 4, 8, 16):
            per_thread = bm * block_n // (32 * w)
            if per_thread * size >= 8 * (1 if size == 2 else 2) and per_thread <= 32:
                c = cfg.ForwardConfig(block_n, 1, bm, w, params_first=rule.params_first)
                if c != rule:
                    out[f"m{bm} w{w}"] = c
    return out


def forward(dtype, n):
    import probe7

    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    confs = {"rule": rule, **tiles(n, tdt.itemsize, rule)}
    fns = {}
    for v, c in confs.items():
        for s in ("stats", "infer"):
            fns[f"{v} {s}"] = lambda c=c, s=s: ln._forward(x, w, b, 1e-5, c, stats=s == "stats")[0]
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    fns["torch.compile infer"] = lambda: compiled(x, (n,), w, b, 1e-5)

    def check(v):
        assert_close(fns[v](), ref, tdt, v)

    print(f"forward {dtype} {n}: {rule}", flush=True)
    probe7.run_point("forward", dtype, n, fns, lambda v: fns[v](), check)
    torch.cuda.empty_cache()


def copy_placement():
    import probe7

    nbytes = h.bytes_moved("forward", M, 4096, "bfloat16") // 2
    mb = 1 << 20
    buf = torch.randint(0, 256, (512 * mb,), dtype=torch.uint8, device="cuda")
    pairs = [(0, 64), (0, 34), (0, 36), (0, 40), (0, 48), (0, 96), (0, 128), (2, 64), (1, 64),
             (0, 65), (256, 0), (100, 300)]
    fns = {}
    for s, d in pairs:
        src, dst = buf[s * mb : s * mb + nbytes], buf[d * mb : d * mb + nbytes]
        fns[f"src {s} MB dst {d} MB"] = lambda src=src, dst=dst: dst.copy_(src)
    a = torch.randint(0, 256, (nbytes,), dtype=torch.uint8, device="cuda")
    bb = torch.empty_like(a)
    fns["fresh pair"] = lambda: bb.copy_(a)
    print(f"copy {nbytes} B, buffer at {buf.data_ptr() % (64 * mb)} mod 64 MB", flush=True)
    probe7.run_point("forward", "bfloat16", 4096, fns, lambda v: fns[v](), lambda v: None)


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    if sys.argv[1] == "copy":
        copy_placement()
    else:
        for dtype, n in POINTS:
            forward(dtype, n)
