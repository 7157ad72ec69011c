"""Probe 126 (twenty-seventh session): backward rows between 4096 and 8192 columns as a
4096-wide block and a tail (BWD_HALF_BLOCK_TAILS) against one 8192-wide block.

Call 3's extended sweep: 16-bit 5120 backward at 72-74% of copy against 77-79% at 4096 and
83-84% at 8192 (fp32 91%): its rows pad to one 8192-wide block, 37.5% of the lanes masked, with
the compute of a full 8192 row. 4096 + 1024 (fp32) or 4096 + 2048 (16-bit) columns in two
blocks of one program, the tail's weights loaded every row, as 12288 = 8192 + 4096 does (log
entry 32). Offline (Triton 3.6, sm_90): 16-bit 175-191 registers with 1-row tiles, 255 with
2-row ones, no spills; fp32 148-204. Prediction: +3-6 points of copy at 16-bit 5120 and 6144,
less at fp32 (already 91%); 4608 (16-bit: 4096 + 2048, 6144 of 8192 columns) a tie or a small
gain. Variants: the old rule (8192, 1-row tiles, 3 load stages, strided), the new rule, and
around it 2 load stages, 2-row tiles (16-bit), a 1024-wide 16-bit tail at 5120 (narrower loads),
the block's weights held in registers; the 4096 and 8192 rules as neighbours; the copy of the
same bytes among them. 6 rotated rounds, every variant checked first against the float64
reference. M = 4096, weights in the input's dtype, dweight and dbias computed.
Prepared here; run in the twenty-eighth session (its call 1; lost, log entry 64). The rule it
measures is not in the code:
  git apply docs/perf/h200/twenty-seventh-session/prepared/half-block-tails.diff
  PYTHONPATH=. python docs/perf/h200/twenty-seventh-session/prepared/probe126.py
"""

from dataclasses import replace

import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

CUDA = torch.cuda.is_available()
M = 4096 if CUDA else 4
ROUNDS = 6
OLD = cfg.BackwardConfig(8192, 1, 1, 8, 1, load_stages=3, strided=True)
POINTS = [
    ("bfloat16", 4096),
    ("bfloat16", 4608),
    ("bfloat16", 5120),
    ("bfloat16", 6144),
    ("bfloat16", 8192),
    ("float16", 5120),
    ("float16", 6144),
    ("float32", 4096),
    ("float32", 4608),
    ("float32", 5120),
    ("float32", 6144),
    ("float32", 8192),
]


def variants(n, tdt):
    size = tdt.itemsize
    rule = cfg.backward_config(n, tdt, "H200", 227 * 1024, size)
    if n in (4096, 8192):
        return {"rule": rule}
    out = {
        "old rule (8192)": OLD,
        "new rule": rule,
        "2 stages": replace(rule, load_stages=2),
        "weights held": replace(rule, weights_per_row=False),
    }
    if size == 2:
        out["2-row tiles, 2 stages"] = replace(rule, block_m=2, load_stages=2)
        if n == 5120:
            out["tail 1024"] = replace(rule, tail_n=1024)
    return out


def point(dtype, n):
    dev = torch.device("cuda" if CUDA else "cpu")
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, dev)
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    expected = reference_grads(x, (n,), w, b, 1e-5, dy)
    confs = variants(n, tdt)
    fns = {
        v: (lambda c=c: ln._backward(dy, x, w, mean, rstd, True, tdt, conf=c))
        for v, c in confs.items()
    }
    for v, f in fns.items():
        for name, a, e in zip(("dx", "dweight", "dbias"), f(), expected):
            assert_close(a, e, tdt, f"{dtype} {n} {v} {name}")
    if not CUDA:
        print(f"{dtype} {n}: {len(fns)} variants checked on the interpreter")
        return
    fns["copy"] = h._copy_case("backward", M, n, dtype, dev).fn
    res = {v: [t * 1e3 for t in ts] for v, ts in h.rotated_rounds(fns, ROUNDS).items()}
    nbytes = h.bytes_moved("backward", M, n, dtype)
    for v, ts in res.items():
        pct = [c / t * 100 for c, t in zip(res["copy"], ts)]
        conf = confs.get(v)
        desc = f"  {conf.block_n}+{conf.tail_n} m{conf.block_m} s{conf.load_stages}" if conf else ""
        print(
            f"{dtype:8s} {n:5d} {v:22s} {min(ts):7.2f}-{max(ts):7.2f} us "
            f"{nbytes / min(ts) / 1e3:5.0f} GB/s  {min(pct):5.1f}-{max(pct):5.1f}% of copy{desc}",
            flush=True,
        )
    torch.cuda.empty_cache()


if __name__ == "__main__":
    if CUDA:
        print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for dtype, n in POINTS if CUDA else [("bfloat16", 5120), ("float32", 5120)]:
        point(dtype, n)
