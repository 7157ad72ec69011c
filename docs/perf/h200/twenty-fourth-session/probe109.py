"""Probe 109 (twenty-fourth session): is the "after the copy" slowness an address placement?

Probes 107-108 (call 1): right after the copy's measurement our forward runs slow (16-bit 512
in 2 rows of 1 warp 7.46-7.52 us against 7.01-7.07; bf16 2048 14.4 against 12.6 us, 13%), and
stays slow over several of our measurements until torch.compile's measurement, after which it
is fast. SM/memory clocks, throttle reasons and the output's address after the measurement did
not change. The bench measures triton first at each point, right after the last point's copy.
Hypothesis: the caching allocator places the output (or the flush buffer) differently by
what ran before, and some placements of y against x cost DRAM bandwidth.
A. The harness's own measure() in sequence (copy, triton, torch_compile, torch) at bf16 2048
   and fp32 2048, with its timer instrumented: the addresses of the outputs inside the timed
   loop and of the flush buffer, the reps and the wait.
B. Our forward (the table's config) and the copy writing into fixed placements: x fixed, y at
   2 MB steps over a 32 MB window of one pool; 2 rounds, the second in reverse order.
  PYTHONPATH=. python docs/perf/h200/twenty-fourth-session/probe109.py
"""

import time

import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

M = 4096
MB = 2**20
LOG = {}


def timed(fn):
    """h.cuda_times, line for line, recording addresses, reps and the wait."""
    seen = set()

    def wrapped():
        out = fn()
        if isinstance(out, torch.Tensor):
            seen.add(out.data_ptr())
        return out

    wrapped()
    torch.cuda.synchronize()
    flush = torch.empty(h.L2_FLUSH_BYTES // 4, dtype=torch.int32, device="cuda")
    t0 = time.perf_counter()
    for _ in range(5):
        wrapped()
    host_ms = (time.perf_counter() - t0) * 1e3 / 5
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    torch.cuda.synchronize()
    start.record()
    for _ in range(5):
        wrapped()
    end.record()
    torch.cuda.synchronize()
    call_ms = max(start.elapsed_time(end) / 5, host_ms, 1e-3)
    for _ in range(max(1, int(h.WARMUP_MS / call_ms))):
        wrapped()
    cycles = int(h.HOST_CUSHION * host_ms * h._gpu_cycles_per_ms())
    n = max(1, min(h.MAX_REPS, int(h.REP_MS / call_ms)))
    seen_loop = set()
    starts = [torch.cuda.Event(enable_timing=True) for _ in range(n)]
    ends = [torch.cuda.Event(enable_timing=True) for _ in range(n)]
    for s, e in zip(starts, ends, strict=True):
        flush.zero_()
        torch.cuda._sleep(cycles)
        s.record()
        out = fn()
        e.record()
        if isinstance(out, torch.Tensor):
            seen_loop.add(out.data_ptr())
        del out
    torch.cuda.synchronize()
    LOG.update(flush=flush.data_ptr(), out=sorted(seen_loop), n=n, cycles=cycles, host_ms=host_ms)
    return [s.elapsed_time(e) for s, e in zip(starts, ends, strict=True)]


def a(h_):
    return hex(h_ % (1 << 40))


def part_a(dtype, n):
    print(f"== A {dtype} {n}: the harness's measure() in sequence", flush=True)
    seq = ["copy", "triton", "triton", "torch_compile", "triton", "triton", "torch", "triton",
           "copy", "triton", "torch_compile", "copy", "triton"]
    for p in seq:
        m = h.measure(p, "forward", M, n, dtype)
        print(f"  {p:14s} {m.ms * 1e3:7.2f} us  out {[a(o) for o in LOG['out']]} "
              f"flush {a(LOG['flush'])} reps {LOG['n']} wait {LOG['cycles']} "
              f"host {LOG['host_ms'] * 1e3:.1f} us", flush=True)


def part_b(dtype, n):
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, tdt, "H200")
    consts = ln._fwd_kernel_consts(rule, M, n, True, True, False)
    grid = (cfg.cdiv(M, rule.block_m),)
    nbytes = x.numel() * x.element_size()
    pool = torch.empty(nbytes + 32 * MB, dtype=torch.uint8, device="cuda")
    src = x.view(torch.uint8).view(-1)
    fns = {}
    for off in range(0, 32 * MB, 2 * MB):
        y = pool[off : off + nbytes].view(tdt).view(M, n)

        def ours(y=y):
            ln._launch(ln._fwd_kernel, grid, (x, y, w, b, y, y, x.stride(0), M, n, 1e-5), consts,
                       num_warps=rule.num_warps)
            return y

        ours()
        assert_close(y, ref, tdt, f"ours at +{off // MB} MB")
        fns[("ours", off)] = ours
        dst = pool[off : off + nbytes]
        fns[("copy", off)] = lambda dst=dst: dst.copy_(src)
    fns[("ours", "alloc")] = lambda: ln._forward(x, w, b, 1e-5, rule, stats=False)[0]
    res = {k: [] for k in fns}
    keys = list(fns)
    for r in range(2):
        for k in keys if r == 0 else keys[::-1]:
            res[k].append(torch.tensor(h.cuda_times(fns[k])).median().item() * 1e3)
    print(f"== B {dtype} {n}: x at {a(x.data_ptr())}, pool at {a(pool.data_ptr())}; "
          f"ours (table: {rule.block_m} rows {rule.num_warps} warps) and a copy of x's "
          f"{nbytes} bytes into pool + offset; us, round 1 / round 2 (reversed)", flush=True)
    for off in list(range(0, 32 * MB, 2 * MB)):
        o, c = res[("ours", off)], res[("copy", off)]
        print(f"  +{off // MB:2d} MB  y-x {(pool.data_ptr() + off - x.data_ptr()) // MB:6d} MB  "
              f"ours {o[0]:6.2f} {o[1]:6.2f}   copy {c[0]:6.2f} {c[1]:6.2f}", flush=True)
    o = res[("ours", "alloc")]
    print(f"  ours with y from the allocator: {o[0]:6.2f} {o[1]:6.2f}", flush=True)
    del pool, fns
    torch.cuda.empty_cache()


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    h.cuda_times_orig = h.cuda_times
    h.cuda_times = timed
    for dt in ("bfloat16", "float32"):
        part_a(dt, 2048)
    h.cuda_times = h.cuda_times_orig
    for dt in ("bfloat16", "float32"):
        part_b(dt, 2048)
