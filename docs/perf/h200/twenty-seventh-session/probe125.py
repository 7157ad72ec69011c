"""Probe 125 (twenty-seventh session): dweight/dbias summed with fp32 atomics instead of the
(2, programs, N) partial buffer and its second launch.

Today every backward program writes its rows' dweight/dbias sums to its own row of a (2, G, N)
fp32 buffer (G = 132 programs on the H200), and _sum_partials_kernel adds them up in a fixed
order. Variants, each checked first (dx bitwise the partials' dx; dweight, dbias against the
float64 reference):
  partials     today's path;
  atomic       each program adds its sums into one zeroed (2, N) fp32 row with atomic adds,
               then the same sum kernel with G = 1 casts it (one fill launch before, one after);
  atomic_last  the same adds, then the last program to arrive (an int32 counter after the sums,
               acq_rel) casts the row itself: no launch after the rows kernel.
Prediction: the partial rows cost 2 * G * N * 4 bytes written and read (8.6% of a 16-bit
(4096, 4096) call) plus a launch; atomics save most of it where the adds are cheap: +3-8
points of copy at 16-bit 1024-4096, less at 8192 and wider. 6 rotated rounds with the copy of
the same bytes among the variants; M = 4096. Also the backward's peak memory above its inputs.
Needs the variants' kernel code, which was not kept (entry 63):
  git apply docs/perf/h200/twenty-seventh-session/atomic-grads.diff
  PYTHONPATH=. python docs/perf/h200/twenty-seventh-session/probe125.py
Measured (call 2, H200 143ee59b): no variant faster beyond the rounds' spread; see call2/.
"""

import torch

from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

CUDA = torch.cuda.is_available()
M = 4096 if CUDA else 8
ROUNDS = 6
VARIANTS = ("partials", "atomic", "atomic_last")
NS = (1024, 2048, 4096, 8192, 16384, 32768)
DTYPES = ("bfloat16", "float16", "float32")


def med(fn):
    return torch.tensor(h.cuda_times(fn)).median().item() * 1e3


def peak_mib(fn):
    torch.cuda.synchronize()
    base = torch.cuda.memory_allocated()
    torch.cuda.reset_peak_memory_stats()
    fn()
    torch.cuda.synchronize()
    return (torch.cuda.max_memory_allocated() - base) / 2**20


def point(dtype, n):
    dev = torch.device("cuda" if CUDA else "cpu")
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, dev)
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    expected = reference_grads(x, (n,), w, b, 1e-5, dy)
    fns = {
        v: (lambda v=v: ln._backward(dy, x, w, mean, rstd, True, tdt, grads=v)) for v in VARIANTS
    }
    dx0 = fns["partials"]()[0]
    for v, f in fns.items():
        got = f()
        assert torch.equal(got[0], dx0), f"{v}: dx differs from the partials' dx"
        for name, a, e in zip(("dx", "dweight", "dbias"), got, expected):
            assert_close(a, e, tdt, f"{v} {name}")
    if not CUDA:
        print(f"{dtype} {n}: {len(fns)} variants checked on the interpreter")
        return
    mem = {v: peak_mib(f) for v, f in fns.items()}
    xe = x.detach().requires_grad_()
    we, be = w.detach().requires_grad_(), b.detach().requires_grad_()
    ye = torch.nn.functional.layer_norm(xe, (n,), we, be, 1e-5)
    mem["eager"] = peak_mib(lambda: torch.autograd.grad(ye, (xe, we, be), dy, retain_graph=True))
    fns["copy"] = h._copy_case("backward", M, n, dtype, dev).fn
    names = list(fns)
    res = {v: [] for v in names}
    for r in range(ROUNDS):
        k = r % len(names)
        for v in names[k:] + names[:k]:
            res[v].append(med(fns[v]))
    nbytes = h.bytes_moved("backward", M, n, dtype)
    for v in names:
        ts = res[v]
        pct = [c / t * 100 for c, t in zip(res["copy"], ts)]
        extra = (
            f"  peak {mem[v]:8.3f} MiB" if v in mem else f"  (eager peak {mem['eager']:8.3f} MiB)"
        )
        print(
            f"{dtype:8s} {n:5d} {v:12s} {min(ts):7.2f}-{max(ts):7.2f} us "
            f"{nbytes / min(ts) / 1e3:5.0f} GB/s  {min(pct):5.1f}-{max(pct):5.1f}% of copy{extra}",
            flush=True,
        )
    torch.cuda.empty_cache()


if __name__ == "__main__":
    if CUDA:
        print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for dtype in DTYPES:
        for n in NS if CUDA else NS[:1]:
            point(dtype, n)
