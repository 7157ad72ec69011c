"""Probe 102 (twenty-third session): does the wait before a timed call set its speed?

Probe 101: with the harness's zeroing L2 flush, every call starts with the L2 full of dirty
lines; read-flushed (clean lines), the copy of 67 MB took 18.2 us instead of 21.2. The harness
queues a GPU-side wait of twice the provider's host time before each call (HOST_CUSHION), so a
provider with a slower host (torch.compile) waits longer. Guess: during the wait the L2 writes
its dirty lines back, so a longer wait leaves fewer to write inside the timed window, and the
call runs faster; that would explain the "two speeds" (entry 42: a copy right after
torch.compile's measurement, the host still busy, fast) and part of torch.compile's lead at the
short rows (probes 99-101). Test: ours, torch.compile and the copy with fixed waits of 5-400 us,
the zeroing flush and the read flush, 2 interleaved rounds; each provider's harness wait printed.
Prediction if the guess holds: zero-flushed times fall as the wait grows, to about the
read-flushed times; read-flushed times do not depend on the wait.
M = 4096, inference forward, checked first.
  PYTHONPATH=. python docs/perf/h200/twenty-third-session/probe102.py
"""

import time

import torch
import torch.nn.functional as F

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

M = 4096
POINTS = [("float16", 512), ("float32", 256), ("float32", 2048), ("bfloat16", 4096),
          ("bfloat16", 32768)]
WAITS_US = (5, 20, 50, 100, 200, 400)
ROUNDS = 2


def host_ms(fn):
    fn()
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(5):
        fn()
    return (time.perf_counter() - t0) * 1e3 / 5


def times(fn, flush_mode, wait_us, flush, sink):
    """Median device time (us) of fn, as h.cuda_times but with a fixed wait and the flush chosen."""
    for _ in range(20):
        fn()
    cycles = int(wait_us * 1e-3 * h._gpu_cycles_per_ms())
    n = 200
    starts = [torch.cuda.Event(enable_timing=True) for _ in range(n)]
    ends = [torch.cuda.Event(enable_timing=True) for _ in range(n)]
    for s, e in zip(starts, ends, strict=True):
        if flush_mode == "zero":
            flush.zero_()
        else:
            torch.sum(flush, dim=0, out=sink)
        torch.cuda._sleep(cycles)
        s.record()
        fn()
        e.record()
    torch.cuda.synchronize()
    t = torch.tensor([s.elapsed_time(e) for s, e in zip(starts, ends, strict=True)])
    return t.median().item() * 1e3


def point(dtype, n, flush, sink):
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    copy = h._copy_case("forward", M, n, dtype, torch.device("cuda"))
    fns = {
        "ours": lambda: ln._forward(x, w, b, 1e-5, rule, stats=False)[0],
        "compile": lambda: compiled(x, (n,), w, b, 1e-5),
        "copy": copy.fn,
    }
    for v in ("ours", "compile"):
        for _ in range(2):
            assert_close(fns[v](), ref, tdt, v)
    waits = {v: h.HOST_CUSHION * host_ms(f) * 1e3 for v, f in fns.items()}
    print(f"== {dtype} {n}: the harness's waits " +
          ", ".join(f"{v} {us:.0f} us" for v, us in waits.items()), flush=True)
    res = {}
    for _ in range(ROUNDS):
        for mode in ("zero", "read"):
            for wait in WAITS_US:
                for v, f in fns.items():
                    res.setdefault((mode, v, wait), []).append(times(f, mode, wait, flush, sink))
    for mode in ("zero", "read"):
        for v in fns:
            cells = []
            for wait in WAITS_US:
                t = res[(mode, v, wait)]
                cells.append(f"{min(t):6.2f}-{max(t):6.2f}")
            print(f"{dtype} {n} {mode:4s} {v:8s} " + "  ".join(cells), flush=True)
        c = {wait: min(res[(mode, 'copy', wait)]) for wait in WAITS_US}
        for v in ("ours", "compile"):
            pc = [f"{c[wait] / min(res[(mode, v, wait)]) * 100:5.1f}%" for wait in WAITS_US]
            print(f"{dtype} {n} {mode:4s} {v:8s} % of copy at the same wait: " + "  ".join(pc), flush=True)
    torch.cuda.empty_cache()


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    flush = torch.randint(0, 8, (h.L2_FLUSH_BYTES // 4,), dtype=torch.int32, device="cuda")
    sink = torch.empty((), dtype=torch.int64, device="cuda")
    print("waits (us):", WAITS_US, flush=True)
    for dtype, n in POINTS:
        point(dtype, n, flush, sink)
