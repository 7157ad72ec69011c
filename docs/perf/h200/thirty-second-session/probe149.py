"""Probe 149 (thirty-second session): the dependent partial-row sum as committed (a3486d2,
config.BWD_DEPENDENT_SUM) against the two stream-ordered launches, on a third VM, every
target width. Probes 147-148 ran on one VM with the experiment's knob; call 5's re-run of probe
148 set that knob after it was gone, so all its variants were the committed code: a measure of
the noise between identical variants (up to 1.2 us at 1024-2048, 1 us at 4096-8192, 0.1 us
wider). Here "on" runs twice ("on", "on again") as the same noise control.
Prediction (probes 147-148): on 1.5-2.5 us under off at 4096-32768, 0.4-2 at 1024-2048.
  PYTHONPATH=. python docs/perf/h200/thirty-second-session/probe149.py"""

import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

M, ROUNDS, EPS = 4096, 7, 1e-5
VARIANTS = {"off": False, "on": True, "on again": True}


def backward_fn(inp, dtype, dependent):
    x, w, dy = inp["x"], inp["weight"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, inp["bias"], EPS)
    dev, n = x.device, x.shape[1]
    conf = cfg.backward_config(n, dtype, "H200", cfg.max_shared_memory(dev), w.element_size())
    conf = cfg.fit_backward_tile(conf, M, cfg.sm_count(dev) * conf.programs_per_sm)

    def fn():
        cfg.BWD_DEPENDENT_SUM = dependent  # read by _backward for an explicit conf, every call
        return ln._backward(dy, x, w, mean, rstd, True, w.dtype, conf)

    return fn


def point(dtype_name, n):
    dtype = h.torch_dtype(dtype_name)
    inp = h._random_inputs(M, n, dtype_name, torch.device("cuda"))
    fns = {v: backward_fn(inp, dtype, d) for v, d in VARIANTS.items()}
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
    cfg.BWD_DEPENDENT_SUM = True
    nbytes = h.bytes_moved("backward", M, n, dtype_name)
    copy, off = (sorted(res[v])[ROUNDS // 2] for v in ("copy", "off"))
    for v, ts in res.items():
        med = sorted(ts)[ROUNDS // 2]
        print(
            f"{dtype_name:8s} {n:5d} {v:8s} median {med:7.2f} us ({min(ts):7.2f}-{max(ts):7.2f})"
            f" {nbytes / med / 1e3:6.0f} GB/s {100 * copy / med:5.1f}% of copy"
            f" {med - off:+6.2f} us vs off",
            flush=True,
        )


if __name__ == "__main__":
    for dtype_name in ("bfloat16", "float16", "float32"):
        for n in (1024, 2048, 4096, 8192, 16384, 32768):
            point(dtype_name, n)
