"""Probe 120 (twenty-fifth session): is ours' (and the copy's) fast state L2 lines that a load
with eviction_policy="evict_last" left behind, which the harness's zeroing flush does not evict?

Entry 56: ours runs 5-13% faster after torch.compile's measurement on the same tensors (never
with its own, as in the harness); the copy runs 5-15% faster right after torch_compile's
measurement of the same point in the harness, whose freed blocks the copy's fresh tensors may
reuse (the caching allocator). Inductor's LayerNorm kernel loads with eviction hints. Hypothesis:
lines loaded evict_last stay in L2 through the 256 MB zeroing (whose own lines are
evict_normal), so a later kernel reading the same addresses finds part of them in L2.
Test, one tensor x (bf16 4096 x 2048, 16.8 MB), each step a harness measurement (cuda_times
median: 256 MB zeroing flush before every call): ours and the copy (x -> another buffer) and a
bare read of x, before and after a kernel that reads x once with evict_last, evict_first or
no hint, after torch.compile's measurement on x, and after writing 256 MB with evict_last.
  PYTHONPATH=. python docs/perf/h200/twenty-fifth-session/probe120.py
"""

import torch
import torch.nn.functional as F
import triton
import triton.language as tl

from kernels import layernorm as ln
from kernels.bench import harness as h

M, N = 4096, 2048
BLOCK = 4096


@triton.jit
def _touch(X, Sink, n, POLICY: tl.constexpr, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    v = tl.load(X + offs, mask=offs < n, other=0.0, eviction_policy=POLICY)
    tl.store(Sink + tl.program_id(0), tl.sum(v.to(tl.float32), axis=0))


@triton.jit
def _fill(Z, n, POLICY: tl.constexpr, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    tl.store(Z + offs, tl.zeros([BLOCK], tl.int32), mask=offs < n, eviction_policy=POLICY)


def touch(t, policy):
    n = t.numel()
    sink = torch.empty(triton.cdiv(n, BLOCK), device=t.device)
    _touch[(triton.cdiv(n, BLOCK),)](t, sink, n, POLICY=policy, BLOCK=BLOCK)


def med(fn):
    return torch.tensor(h.cuda_times(fn)).median().item() * 1e3


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    print("GPU", torch.cuda.get_device_name())
    dev = torch.device("cuda")
    inp = h._random_inputs(M, N, "bfloat16", dev)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    dst = torch.empty_like(x)
    big = torch.empty(64 * 2**20, dtype=torch.int32, device=dev)  # 256 MB
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    compiled(x, (N,), w, b, 1e-5)
    fns = {
        "ours": lambda: ln._forward(x, w, b, 1e-5, stats=False),
        "copy": lambda: dst.copy_(x),
        "read x": lambda: touch(x, ""),
    }

    def measure_all(label):
        cells = "  ".join(f"{k} {med(f):6.2f}" for k, f in fns.items())
        print(f"{label:44s} {cells}  (us)", flush=True)

    steps = {
        "start": lambda: None,
        "after reading x once, evict_last": lambda: touch(x, "evict_last"),
        "after reading x once, evict_first": lambda: touch(x, "evict_first"),
        "after reading x once, no hint": lambda: touch(x, ""),
        "after torch.compile's measurement on x": lambda: med(
            lambda: compiled(x, (N,), w, b, 1e-5)
        ),
        "after 256 MB written evict_last": lambda: _fill[(triton.cdiv(big.numel(), BLOCK),)](
            big, big.numel(), POLICY="evict_last", BLOCK=BLOCK
        ),
        "after reading x 10 times, evict_last": lambda: [touch(x, "evict_last") for _ in range(10)],
    }
    for rnd in range(2):
        for label, step in steps.items():
            step()
            torch.cuda.synchronize()
            measure_all(f"r{rnd} {label}")
            measure_all(f"r{rnd}   (again)")
