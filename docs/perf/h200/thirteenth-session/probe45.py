"""Probe 45 (thirteenth session): where a one-row backward's time goes. The twelfth session's
extended run had (1, 4096) backward at 0.63-0.77x torch.compile. For (1, 4096) and (64, 4096),
bf16 and fp32, Triton, torch.compile and eager: the harness time (CUDA events, median, L2
flushed) and, from torch.profiler over 20 calls (no L2 flush), each GPU kernel's mean duration.
Prediction: our two launches (rows kernel + partial-row sum) against inductor's one or two; the
partial sum a large part of ours. Run from the repository root:
PYTHONPATH=. python docs/perf/h200/thirteenth-session/probe45.py"""

import collections

import torch
from torch.profiler import ProfilerActivity, profile

from kernels.bench import harness as h


def kernels_of(fn, calls=20):
    for _ in range(5):
        fn()
    torch.cuda.synchronize()
    with profile(activities=[ProfilerActivity.CUDA]) as prof:
        for _ in range(calls):
            fn()
        torch.cuda.synchronize()
    times = collections.defaultdict(float)
    for e in prof.events():
        if e.device_type == torch.autograd.DeviceType.CUDA:
            times[e.name] += e.device_time / calls
    return times


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for m in (1, 64):
        for dtype in ("bfloat16", "float32"):
            for provider in ("triton", "torch_compile", "torch"):
                case = h.prepare(provider, "backward", m, 4096, dtype)
                t = torch.tensor(h.cuda_times(case.fn)).median().item() * 1e3
                ks = kernels_of(case.fn)
                total = sum(ks.values())
                print(f"({m}, 4096) {dtype} {provider}: {t:.2f} us harness, "
                      f"{len(ks)} kernels, {total:.2f} us of kernel time", flush=True)
                for name, us in sorted(ks.items(), key=lambda kv: -kv[1]):
                    print(f"    {us:7.2f} us  {name[:90]}", flush=True)
