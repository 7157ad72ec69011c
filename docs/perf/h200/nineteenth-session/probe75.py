"""Probe 75 (nineteenth session): split rows finished D tiles late from a second read
(BackwardConfig.reload).

Probe 74: at 16-bit the exchange proper is the whole cost of split rows (bf16 32768: local sums
93-94% of copy, the unlagged exchange 67%, the lagged rule 76%; 65536: 96-97 / 50 / 72), the
row-sum reductions about nothing; probe 72: the lagged rule costs as much with its slots
already written, so what is left is the poll's round trip in each iteration's chain. Probe 73:
issuing the poll early lost 4-9 points. Candidate (reload = D): iteration i publishes tile i's
sums and finishes tile i - D, loading its x, dy and slots again with loads the loop pipelines
(cp.async, issued LOAD_STAGES - 1 iterations ahead, after the group published that tile), so
the slots arrive like the data and the poll spins only where a slot still read UNWRITTEN.
Costs: x and dy read twice (the second read from L2 if the tile is still there: D tiles back
is 3-7 MB of the GPU's traffic per tile), shared memory for four tiles a stage. Offline sm_90
(Triton 3.6): bf16 8192 x 4 strided 239 registers (no spills), 131 KB shared at 3 stages.
Prediction: 16-bit 24576-65536 from 72-77% to 85-90% if the second read hits L2; below the
rule if it does not (5 passes over the data instead of 3).
Method as probes 63-74 (probe7.run_point: 3 interleaved rounds, each variant checked first
against the float64 reference and its dx bitwise against the unlagged config's), M = 4096.
From the repository root, with ab/probe7.py (carry ["ab"]):
  PYTHONPATH=.:ab python docs/perf/h200/nineteenth-session/probe75.py
DRY=1 PYTHONPATH=. python <this file>: the variants' configs only (no GPU).
"""

import dataclasses
import os

import torch

from kernels import config as cfg

DRY = bool(os.environ.get("DRY"))
M = 4096
R = dataclasses.replace
POINTS = [
    ("bfloat16", 32768),
    ("bfloat16", 65536),
    ("float16", 32768),
    ("bfloat16", 24576),
    ("bfloat16", 16384),
    ("float32", 32768),
]


def variants(dtype, n):
    tdt = getattr(torch, dtype)
    smem = cfg.DEFAULT_SHARED_MEMORY if DRY else cfg.max_shared_memory(torch.device("cuda"))
    rule = cfg.backward_config(n, tdt, "H200", smem, tdt.itemsize)
    plain = R(rule, lag=False)
    out = {"rule": rule}
    stages = (3, 4) if tdt.itemsize == 2 else (2,)
    for d in (2, 3, 4):
        out[f"reload {d}"] = R(plain, reload=d, load_stages=stages[0], strided=True)
    if tdt.itemsize == 2:  # fp32's four 32 KB tiles a stage fit two stages only
        out["reload 3, 4 stages"] = R(plain, reload=3, load_stages=4, strided=True)
    if not rule.strided:
        out["reload 3 contiguous"] = R(plain, reload=3, load_stages=stages[0])
    return out


def backward(dtype, n):
    import probe7

    from kernels import layernorm as ln
    from kernels.bench import harness as h
    from kernels.reference import assert_close, reference_grads

    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    vs = variants(dtype, n)
    own = ln._backward(dy, x, w, mean, rstd, True, tdt, conf=R(vs["rule"], lag=False))[0]

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=vs[v])

    def check(v):
        for _ in range(5):
            got = call(v)
            for name, a, r in zip(("dx", "dw", "db"), got, ref, strict=True):
                assert_close(a, r, tdt, f"{v} {name}")
            assert torch.equal(got[0], own), f"{v}: dx not bitwise the unlagged rule's"

    print(f"backward {dtype} {n}: " + "; ".join(f"{k} {c}" for k, c in vs.items()), flush=True)
    probe7.run_point("backward", dtype, n, vs, call, check)


if __name__ == "__main__":
    for dtype, n in POINTS:
        if DRY:
            print(
                dtype,
                n,
                {
                    k: (c.splits, c.reload, c.load_stages, c.strided)
                    for k, c in variants(dtype, n).items()
                },
            )
        else:
            backward(dtype, n)
