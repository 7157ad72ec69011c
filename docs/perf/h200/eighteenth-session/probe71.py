"""Probe 71 (eighteenth session): what the split rows' wait still costs, from above.

"no wait": the rule's kernel with its row sums already in the buffer: the second launch of the
two-launch path alone (SUMS_LOAD: the same loads and stores, no publishing and no waiting; the
sums written by a first, untimed STORE launch on the same inputs, so dx is checked as usual).
Found after the run (offline sm_90 SASS): in that launch the tile's own row sums are dead code,
so the two cross-warp reductions are gone too; "no wait" is without them as well. Beside it the
rule (the exchange) and, for the 16-bit rows, the same without lag
(contiguous, as before BWD_LAG_MIN_SPLITS). bf16 8192 (whole rows, 85% of copy in the bench) for
scale. Prediction: no wait 80-85% at 16-bit (the wait 5-10 points), 93-94% at fp32.
Method as probes 63-70 (probe7.run_point: 3 interleaved rounds, each variant checked first
against the float64 reference), M = 4096. From the repository root, with ab/probe7.py and carry
["ab"]:
  PYTHONPATH=.:ab python docs/perf/h200/eighteenth-session/probe71.py
"""

import dataclasses

import torch

from kernels import config as cfg

M = 4096
R = dataclasses.replace
POINTS = [
    ("bfloat16", 16384),
    ("bfloat16", 32768),
    ("float16", 32768),
    ("bfloat16", 65536),
    ("float32", 32768),
    ("bfloat16", 8192),
]


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
    rule = cfg.backward_config(n, tdt, "H200", cfg.max_shared_memory(x.device), tdt.itemsize)
    vs = {"rule": rule}
    if rule.lag:
        vs["unlagged contiguous"] = R(rule, lag=False, strided=False)
    if rule.splits > 1:
        vs["no wait"] = R(rule, exchange=False)
    if rule.lag:
        vs["no wait unlagged contiguous"] = R(rule, exchange=False, lag=False, strided=False)
    buffers = {}
    orig = ln._row_sums_buffers

    def filled_once(x_, conf, programs):
        # Two-launch variants: the first call both launches, keeping the buffer; later calls
        # the second alone. The exchange's slots are refilled every call, as in the kernels.
        if conf.exchange:
            return orig(x_, conf, programs)
        if conf in buffers:
            return (ln.SUMS_LOAD.value,), buffers[conf]
        modes, sums = orig(x_, conf, programs)
        buffers[conf] = sums
        return modes, sums

    ln._row_sums_buffers = filled_once

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=vs[v])

    def check(v):
        for _ in range(5):
            for name, a, r in zip(("dx", "dw", "db"), call(v), ref, strict=True):
                assert_close(a, r, tdt, f"{v} {name}")

    print(f"backward {dtype} {n}: " + "; ".join(f"{k} {c}" for k, c in vs.items()), flush=True)
    try:
        probe7.run_point("backward", dtype, n, vs, call, check)
    finally:
        ln._row_sums_buffers = orig


if __name__ == "__main__":
    for dtype, n in POINTS:
        backward(dtype, n)
