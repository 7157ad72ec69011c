"""Probe 121 (twenty-fifth session): the harness with `flush_l2` (the 256 MB zeroing flush
stored with the evict_last policy) in place of `zero_()`.

Probe 120 found ours' and the copy's fast state to be L2 lines loaded with evict_last by an
earlier kernel (torch.compile's), which plain zeroing does not evict. (1) Probe 120's check
with the harness's timer as it now is: after torch.compile's call on x, and after 256 MB
written evict_last, ours, the copy and a bare read of x should read the same. (2) The default
forward and backward sweep through `harness.run` (N = 256-32768, three dtypes) with every
measurement recorded: per point ours, the copy measured first and last (right after
torch_compile), torch.compile, and ours' % of each copy.
  PYTHONPATH=. python docs/perf/h200/twenty-fifth-session/probe121.py
"""

import torch
import torch.nn.functional as F

from kernels import layernorm as ln
from kernels.bench import harness as h
from probe120 import _fill, touch

M = 4096


def med(fn):
    return torch.tensor(h.cuda_times(fn)).median().item() * 1e3


def states():
    dev = torch.device("cuda")
    inp = h._random_inputs(M, 2048, "bfloat16", dev)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    dst = torch.empty_like(x)
    big = torch.empty(64 * 2**20, dtype=torch.int32, device=dev)
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    fns = {
        "ours": lambda: ln._forward(x, w, b, 1e-5, stats=False),
        "copy": lambda: dst.copy_(x),
        "read x": lambda: touch(x, ""),
    }
    steps = {
        "after torch.compile's calls on x": lambda: [compiled(x, (2048,), w, b, 1e-5) for _ in range(20)],
        "after 256 MB written evict_last": lambda: _fill[(big.numel() // 4096,)](
            big, big.numel(), POLICY="evict_last", BLOCK=4096
        ),
        "after reading x 10 times, evict_last": lambda: [touch(x, "evict_last") for _ in range(10)],
    }
    for label, step in steps.items():
        step()
        torch.cuda.synchronize()
        cells = "  ".join(f"{k} {med(f):6.2f}" for k, f in fns.items())
        print(f"bf16 2048  {label:40s} {cells}  (us)", flush=True)


def sweep():
    log = []
    measure = h.measure

    def recording(provider, mode, M, N, dtype, **kw):
        m = measure(provider, mode, M, N, dtype, **kw)
        log.append(m)
        return m

    h.measure = recording
    df = h.run(None, h.DTYPES, ("forward", "backward"), progress=False)
    h.measure = measure
    print("mode     dtype        N   ours us  copy first  copy last  compile   ours % of copy: first last  ÷compile")
    i = 0
    while i < len(log):
        point = log[i : i + 5]  # copy, triton, torch, torch_compile, copy
        i += 5
        first, ours, _, comp, last = (m.ms * 1e3 for m in point)
        m0 = point[0]
        print(f"{m0.mode:8s} {m0.dtype:8s} {m0.N:6d}  {ours:7.2f}  {first:9.2f}  {last:9.2f}  {comp:7.2f}"
              f"   {first / ours * 100:6.1f} {last / ours * 100:6.1f}  {comp / ours:5.2f}", flush=True)
    return df


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    print("GPU", torch.cuda.get_device_name())
    states()
    torch._dynamo.reset()
    sweep()
