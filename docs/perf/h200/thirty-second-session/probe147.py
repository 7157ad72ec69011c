"""Probe 147 (thirty-second session): the backward's partial-row sum as a programmatic dependent
launch (PDL) on the H200. Tried once before, on an H100 (sixth session, entry 27), with the
rows kernel triggering at its start: 0 to -2 points (guess: the sum's programs, resident early,
crowd onto the SMs the rows kernel leaves idle). Never on an H200, never triggered late.
Variants (config.BWD_SUM_PDL, read by _backward_plan):
  off        two stream-ordered launches (the rule today)
  pdl        the sum launched with launch_pdl and griddepcontrol.wait first; the rows kernel
             does not trigger (its programs' exits do)
  trig-end   the same, the rows kernel triggering after its row loop (before its partial rows)
  trig-start the same, triggering at its start (entry 27's variant)
Prediction: the sum's launch latency (~1 us of the 2.6-4.3 us the second launch costs, entry
40) hidden: pdl and trig-end +1 to +3 points of copy at 1024-4096, under 1 at 8192 and wider;
trig-start no better (crowding). Each variant's dx, dweight, dbias bitwise equal to off's over
20 calls, off's within the reference tolerances. 5 rotated rounds; the copy in the same rounds.
Runs on d2815f3 with experiment.diff (beside this file) applied: its config.BWD_SUM_PDL and
TRIGGER are gone from a3486d2, which kept variant pdl as config.BWD_DEPENDENT_SUM (probe 149).
  PYTHONPATH=. python docs/perf/h200/thirty-second-session/probe147.py"""

import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

M, ROUNDS, EPS = 4096, 5, 1e-5
VARIANTS = {"off": 0, "pdl": 1, "trig-end": 2, "trig-start": 3}
POINTS = [("bfloat16", n) for n in (1024, 2048, 4096, 8192, 32768)]
POINTS += [("float16", 4096), ("float16", 8192)]
POINTS += [("float32", n) for n in (1024, 4096, 8192, 32768)]


def backward_fn(inp, dtype, pdl):
    x, w, dy = inp["x"], inp["weight"], inp["dy"]
    y, mean, rstd = ln._forward(x, w, inp["bias"], EPS)
    dev, n = x.device, x.shape[1]
    conf = cfg.backward_config(n, dtype, "H200", cfg.max_shared_memory(dev), w.element_size())
    conf = cfg.fit_backward_tile(conf, M, cfg.sm_count(dev) * conf.programs_per_sm)

    def fn():
        cfg.BWD_SUM_PDL = pdl
        return ln._backward(dy, x, w, mean, rstd, True, w.dtype, conf)

    return fn


def point(dtype_name, n):
    dtype = h.torch_dtype(dtype_name)
    inp = h._random_inputs(M, n, dtype_name, torch.device("cuda"))
    fns = {v: backward_fn(inp, dtype, p) for v, p in VARIANTS.items()}
    ref = reference_grads(inp["x"], (n,), inp["weight"], inp["bias"], EPS, inp["dy"])
    base = fns["off"]()
    for name, got, want in zip(("dx", "dweight", "dbias"), base, ref, strict=True):
        assert_close(got, want, dtype, f"{dtype_name} {n} off {name}")
    for v, fn in fns.items():
        for _ in range(20):
            got = fn()
            assert all(torch.equal(a, b) for a, b in zip(got, base, strict=True)), (v, n)
    fns["copy"] = h._copy_case("backward", M, n, dtype_name, torch.device("cuda")).fn
    res = {v: [t * 1e3 for t in ts] for v, ts in h.rotated_rounds(fns, ROUNDS).items()}
    cfg.BWD_SUM_PDL = 0
    nbytes = h.bytes_moved("backward", M, n, dtype_name)
    copy = sorted(res["copy"])[ROUNDS // 2]
    for v, ts in res.items():
        med = sorted(ts)[ROUNDS // 2]
        print(
            f"{dtype_name:8s} {n:5d} {v:10s} median {med:7.2f} us ({min(ts):7.2f}-{max(ts):7.2f})"
            f" {nbytes / med / 1e3:6.0f} GB/s {100 * copy / med:5.1f}% of copy"
            f" {med - sorted(res['off'])[ROUNDS // 2]:+6.2f} us vs off",
            flush=True,
        )


if __name__ == "__main__":
    for dtype_name, n in POINTS:
        point(dtype_name, n)
