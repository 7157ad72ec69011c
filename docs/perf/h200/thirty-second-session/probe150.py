"""Probe 150 (thirty-second session): the forward kernel and the backward's rows kernel as
programmatic dependent launches of whatever kernel precedes them in the stream (a
griddepcontrol.wait first, before any load or store: memory the caching allocator hands out
may still be read by that kernel), as entry 79 made the partial-row sum one of the rows
kernel. On experiment2.diff (config.FWD_DEPENDENT, BWD_ROWS_DEPENDENT).
Two measurements of each variant, 7 rotated rounds:
  alone    the harness's timer: flush, a GPU sleep, the start event, the call, the end event.
           An event sits between the sleep and the call: if that breaks the dependent launch's
           overlap, on and off read the same here.
  chained  a producer (a device copy of x's bytes into another buffer) and the call between one
           pair of events, minus the producer alone: what a kernel of a model that follows
           another kernel saves.
Prediction: alone unchanged (the event), chained 0.5-2 us less with the dependent launch
(entry 79's 0.3-2.7 us a sum). Outputs bitwise equal to off's, checked first.
  PYTHONPATH=. python docs/perf/h200/thirty-second-session/probe150.py"""

import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h

M, ROUNDS, EPS = 4096, 7, 1e-5
FORWARD = [("float32", 256), ("float32", 1024), ("float32", 4096), ("bfloat16", 2048)]
FORWARD += [("bfloat16", 4096), ("float16", 4096), ("bfloat16", 8192), ("bfloat16", 32768)]
BACKWARD = [("bfloat16", 1024), ("bfloat16", 4096), ("float32", 4096), ("bfloat16", 8192)]


def calls(mode, inp, dtype, on):
    x, w, b, dy = (inp[k] for k in ("x", "weight", "bias", "dy"))
    dev, n = x.device, x.shape[1]
    if mode == "forward":
        conf = cfg.fit_forward_tile(
            cfg.forward_config(n, dtype, "H200"), M, cfg.sm_count(dev), x.element_size()
        )

        def call():
            cfg.FWD_DEPENDENT = on
            return ln._forward(x, w, b, EPS, conf, stats=False)[0]

        return call
    _, mean, rstd = ln._forward(x, w, b, EPS)
    conf = cfg.backward_config(n, dtype, "H200", cfg.max_shared_memory(dev), w.element_size())
    conf = cfg.fit_backward_tile(conf, M, cfg.sm_count(dev) * conf.programs_per_sm)

    def call():
        cfg.BWD_ROWS_DEPENDENT = on
        return ln._backward(dy, x, w, mean, rstd, True, w.dtype, conf)

    return call


def point(mode, dtype_name, n):
    dtype = h.torch_dtype(dtype_name)
    inp = h._random_inputs(M, n, dtype_name, torch.device("cuda"))
    off, on = calls(mode, inp, dtype, False), calls(mode, inp, dtype, True)
    want = off()
    for _ in range(20):
        got = on()
        same = torch.equal(got, want) if mode == "forward" else all(map(torch.equal, got, want))
        assert same, (mode, dtype_name, n)
    sink = torch.empty_like(inp["x"])
    producer = lambda: sink.copy_(inp["x"])  # noqa: E731

    def chained(call):
        return lambda: (producer(), call())

    fns = {"off": off, "on": on, "producer": producer}
    fns |= {"off chained": chained(off), "on chained": chained(on)}
    res = {v: sorted(ts)[ROUNDS // 2] * 1e3 for v, ts in h.rotated_rounds(fns, ROUNDS).items()}
    cfg.FWD_DEPENDENT = cfg.BWD_ROWS_DEPENDENT = False
    c_off, c_on = (res[f"{v} chained"] - res["producer"] for v in ("off", "on"))
    print(
        f"{mode:8s} {dtype_name:8s} {n:5d}  alone off {res['off']:7.2f} on {res['on']:7.2f}"
        f" ({res['on'] - res['off']:+5.2f})   chained-producer off {c_off:7.2f} on {c_on:7.2f}"
        f" ({c_on - c_off:+5.2f})   producer {res['producer']:6.2f} us",
        flush=True,
    )


if __name__ == "__main__":
    for dtype_name, n in FORWARD:
        point("forward", dtype_name, n)
    for dtype_name, n in BACKWARD:
        point("backward", dtype_name, n)
