"""Probe 138 (twenty-ninth session; prepared, NOT RUN: the session's device time ran out):
16-bit backward rows of 5120 and 6144 columns split over two programs, each a slice of a block
and a tail (as BWD_TWO_SLICE_TAILS does for 20480 = 2 x (8192 + 2048)), against the rule's one
padded 8192-wide block.

16-bit 5120 is the one non-power-of-two the issue names that misses "within 5% of its
neighbours" (72-74% of copy against 77-79% at 4096 and 83-84% at 8192): its rows pad to 8192,
37.5% of the lanes masked. A 4096 block and a tail lost by 5-10% (entry 64); two programs a SM
would spill (entry 71). Left untried: two programs per row. 5120 = 2 x (2048 + 512) and 6144 =
2 x (2048 + 1024) tile exactly with a tail; 2 x 4096 (one slice partly masked) with the sums
swapped or recomputed. Prediction: the split rows of 16384-65536 run 72-77% of copy with their
exchange (entries 43-44), so a tie or +2-5 points at best; the 2 x 4096 recompute reads the
other slice again (L2), likely a loss. Variants: the rule; the splits with 8 or 4 warps, 1 or 2
programs a SM; the 4096 and 8192 rules as neighbours; the copy of the same bytes. 6 rotated
rounds, every variant checked first against the float64 reference. M = 4096, dweight and dbias
computed, weights in the input's dtype.
  PYTHONPATH=. python docs/perf/h200/twenty-ninth-session/prepared/probe138.py
"""

from dataclasses import replace

import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

CUDA = torch.cuda.is_available()
M = 4096 if CUDA else 8
ROUNDS = 6
POINTS = [("bfloat16", n) for n in (4096, 5120, 6144, 8192)] + [("float16", 5120)]


def variants(n, tdt):
    rule = cfg.backward_config(n, tdt, "H200", 227 * 1024, tdt.itemsize)
    if n in (4096, 8192):
        return {"rule": rule}
    tail = {5120: 512, 6144: 1024}[n]
    split = cfg.BackwardConfig(2048, 2, 1, 8, 1, load_stages=3, tail_n=tail, weights_per_row=True)
    halves = cfg.BackwardConfig(4096, 2, 1, 8, 1, load_stages=3)
    return {
        "rule": rule,
        f"2 x (2048+{tail})": split,
        f"2 x (2048+{tail}) 4 warps": replace(split, num_warps=4),
        f"2 x (2048+{tail}) 2 a SM": replace(split, programs_per_sm=2),
        "2 x 4096": halves,
        "2 x 4096 recompute": replace(halves, recompute=True),
    }


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
        for name, a, e in zip(("dx", "dweight", "dbias"), f(), expected, strict=True):
            assert_close(a, e, tdt, f"{dtype} {n} {v} {name}")
    if not CUDA:
        print(f"{dtype} {n}: {len(fns)} variants checked on the interpreter")
        return
    fns["copy"] = h._copy_case("backward", M, n, dtype, dev).fn
    res = {v: [t * 1e3 for t in ts] for v, ts in h.rotated_rounds(fns, ROUNDS).items()}
    nbytes = h.bytes_moved("backward", M, n, dtype)
    for v, ts in res.items():
        pct = [c / t * 100 for c, t in zip(res["copy"], ts, strict=True)]
        print(
            f"{dtype:8s} {n:5d} {v:26s} {min(ts):7.2f}-{max(ts):7.2f} us "
            f"{nbytes / min(ts) / 1e3:5.0f} GB/s  {min(pct):5.1f}-{max(pct):5.1f}% of copy",
            flush=True,
        )
    torch.cuda.empty_cache()


if __name__ == "__main__":
    if CUDA:
        print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for dtype, n in POINTS if CUDA else [("bfloat16", 5120), ("bfloat16", 6144)]:
        point(dtype, n)
