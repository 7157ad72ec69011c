"""Probe 101 (twenty-third session): does the L2 flush's write-back set the "two speeds"?

The harness (as do_bench) zeroes 256 MB before every timed call, so the L2 (50 MB) starts each
call full of dirty lines: the call's own traffic evicts them, and their write-back to DRAM falls
inside the timed window, next to the call's reads and writes, at addresses that depend on where
the flush buffer lies against the call's buffers. Guess: that is why a copy (entry 42) or our
kernel (probes 99 and 100: fp16 512 at 2 rows and 1 warp 6.82 us right after torch.compile's
measurement, 7.26-7.42 elsewhere) runs faster in some states than others. Test: the same
measurements with the flush as a read (a sum over 256 MB: it leaves the L2 full of clean lines,
so nothing is written back in the window), in turn with the zeroing flush, each provider measured
before and after torch.compile's, the flush buffer's and outputs' addresses printed.
Prediction if the guess holds: with the read flush every provider is faster (the short calls
most), the after-compile state no longer differs, and the ratio of ours to copy is steadier.
M = 4096, inference forward (the bench's forward mode), checked first.
  PYTHONPATH=.:ab python docs/perf/h200/twenty-third-session/probe101.py
"""

import time

import torch
import torch.nn.functional as F

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

M = 4096
POINTS = [("float16", 512), ("float32", 256), ("float32", 2048), ("bfloat16", 4096)]
ROUNDS = 3


def times(fn, flush_mode):
    """h.cuda_times with the flush chosen: 'zero' (the harness's) or 'read'."""
    fn()
    torch.cuda.synchronize()
    flush = torch.empty(h.L2_FLUSH_BYTES // 4, dtype=torch.int32, device="cuda")
    if flush_mode == "read":
        flush.random_(0, 8)
    t0 = time.perf_counter()
    for _ in range(5):
        fn()
    host_ms = (time.perf_counter() - t0) * 1e3 / 5
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    torch.cuda.synchronize()
    start.record()
    for _ in range(5):
        fn()
    end.record()
    torch.cuda.synchronize()
    call_ms = max(start.elapsed_time(end) / 5, host_ms, 1e-3)
    for _ in range(max(1, int(h.WARMUP_MS / call_ms))):
        fn()
    cycles = int(h.HOST_CUSHION * host_ms * h._gpu_cycles_per_ms())
    n = max(1, min(h.MAX_REPS, int(h.REP_MS / call_ms)))
    starts = [torch.cuda.Event(enable_timing=True) for _ in range(n)]
    ends = [torch.cuda.Event(enable_timing=True) for _ in range(n)]
    sink = torch.empty((), dtype=torch.int64, device="cuda")
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
    return t.median().item() * 1e3, flush.data_ptr()


def point(dtype, n):
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
    nbytes = h.bytes_moved("forward", M, n, dtype)
    print(f"== {dtype} {n} ({nbytes / 1e6:.1f} MB) {rule}", flush=True)
    order = ["copy", "ours", "compile", "copy", "ours"]
    for mode in ("zero", "read", "zero", "read"):
        rows = []
        for r in range(ROUNDS):
            for slot, v in enumerate(order):
                us, fptr = times(fns[v], mode)
                out = fns[v]().data_ptr() if v != "copy" else 0
                rows.append((r, slot, v, us, fptr, out))
        cp = [us for _, _, v, us, _, _ in rows if v == "copy"]
        print(f"{dtype} {n} flush={mode}: copy {min(cp):.2f}-{max(cp):.2f} us", flush=True)
        for slot, v in enumerate(order):
            t = [us for _, s, _, us, _, _ in rows if s == slot]
            f = {fp % (1 << 32) for _, s, _, _, fp, _ in rows if s == slot}
            o = {op % (1 << 32) for _, s, _, _, _, op in rows if s == slot}
            print(f"  slot {slot} {v:8s} {min(t):7.2f}-{max(t):7.2f} us  {min(cp) / min(t) * 100:6.1f}%"
                  f" of fastest copy  flush@{sorted(hex(a) for a in f)} out@{sorted(hex(a) for a in o)}",
                  flush=True)
    torch.cuda.empty_cache()


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    for dtype, n in POINTS:
        point(dtype, n)
