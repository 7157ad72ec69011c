"""Where the Python of a (1, 4096) fp32 inference call goes, on the CPU machine (no GPU): the
launch replaced by a no-op, CPU tensors under TRITON_INTERPRET=1 so the Triton path is taken.
Not a GPU measurement: the VM's Python is up to 2x faster or slower, and torch.empty on CUDA
goes through the caching allocator. It says which parts a per-shape plan cache or a C++ launch
path would remove. The launch key is what _launch builds on every call after the first.
  TRITON_INTERPRET=1 PYTHONPATH=. python docs/perf/h200/twenty-seventh-session/host_python.py
"""

import math
import time

import torch

import kernels
from kernels import config as cfg
from kernels import layernorm as ln

N = 4096


def bench(name, f, n=20000):
    for _ in range(2000):
        f()
    t = time.perf_counter()
    for _ in range(n):
        f()
    print(f"{name:44s} {(time.perf_counter() - t) / n * 1e6:6.2f} us")


def main():
    real_launch = ln._launch
    ln._launch = lambda *a, **k: None
    x, w, b = torch.randn(1, N), torch.randn(N), torch.randn(N)
    y = torch.empty_like(x)
    conf = cfg.forward_config(N, x.dtype, cfg.gpu_family(x.device))
    consts = ln._fwd_kernel_consts(conf, 1, N, True, True, False)
    args = (x, y, w, b, y, y, x.stride(0), 1, N, 1e-5)
    try:
        with torch.no_grad():
            bench("kernels.layer_norm (launch a no-op)", lambda: kernels.layer_norm(x, N, w, b))
            bench("  _check_inputs", lambda: ln._check_inputs(x, N, w, b, 1e-5))
            bench("  _runs_triton", lambda: ln._runs_triton(x))
            bench("  _rows + two math.prod", lambda: ln._rows(x, math.prod(x.shape[:1]), N))
            bench("  _flat x2", lambda: (ln._flat(w, N), ln._flat(b, N)))
            bench("  _forward (launch a no-op)", lambda: ln._forward(x, w, b, 1e-5, stats=False))
            bench("    torch.empty (the output)", lambda: torch.empty((1, N), dtype=x.dtype))
            bench("    forward_config + gpu_family", lambda: cfg.forward_config(N, x.dtype, "H100"))
            bench(
                "    fit_forward_tile + sm_count",
                lambda: cfg.fit_forward_tile(conf, 1, cfg.sm_count(x.device), 4),
            )
            bench("    _fwd_kernel_consts", lambda: ln._fwd_kernel_consts(conf, 1, N, 1, 1, 0))
            bench(
                "  _launch's key (after the first call)",
                lambda: (
                    id(ln._fwd_kernel),
                    0,
                    *consts.values(),
                    ("num_warps", 4),
                    *[ln._arg_key(a) for a in args],
                ),
            )
            bench(
                "torch.nn.functional.layer_norm (CPU, computes)",
                lambda: torch.nn.functional.layer_norm(x, (N,), w, b),
            )
    finally:
        ln._launch = real_launch


if __name__ == "__main__":
    main()
