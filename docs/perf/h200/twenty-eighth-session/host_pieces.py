"""Probe 131 (twenty-eighth session): the Python pieces of a (1, 4096) fp32 call's launchers, on
the GPU VM (the twenty-seventh session's host_python.py measured them on the CPU machine with
CPU tensors, where the CUDA-only branches do not run). Each piece in a loop of 20000 after 2000
warm-up calls; no kernel launched except where the name says so. Two rounds.
  PYTHONPATH=. python docs/perf/h200/twenty-eighth-session/host_pieces.py
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
    torch.cuda.synchronize()
    t = time.perf_counter()
    for _ in range(n):
        f()
    torch.cuda.synchronize()
    print(f"{name:52s} {(time.perf_counter() - t) / n * 1e6:7.2f} us", flush=True)


def main():
    dev = torch.device("cuda", 0)
    x, w, b = (
        torch.randn(1, N, device=dev),
        torch.randn(N, device=dev),
        torch.randn(N, device=dev),
    )
    y, mean, rstd = ln._forward(x, w, b, 1e-5)
    dy = torch.randn_like(x)
    fam = cfg.gpu_family(dev)
    conf = cfg.forward_config(N, x.dtype, fam)
    consts = ln._fwd_kernel_consts(conf, 1, N, True, True, False)
    args = (x, y, w, b, y, y, x.stride(0), 1, N, 1e-5)
    driver = ln.triton.runtime.driver.active
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for r in range(2):
        print(f"-- round {r}")
        with torch.no_grad():
            bench("kernels.layer_norm inference (launches)", lambda: kernels.layer_norm(x, N, w, b))
            bench(
                "F.layer_norm inference (launches)",
                lambda: torch.nn.functional.layer_norm(x, (N,), w, b),
            )
            bench("  _check_inputs", lambda: ln._check_inputs(x, N, w, b, 1e-5))
            bench("  _runs_triton", lambda: ln._runs_triton(x))
            bench("  _rows + two math.prod", lambda: ln._rows(x, math.prod(x.shape[:1]), N))
            bench(
                "  torch.compiler.is_compiling + is_grad_enabled",
                lambda: (torch.compiler.is_compiling(), torch.is_grad_enabled()),
            )
            bench(
                "  _forward, stats off (launches)", lambda: ln._forward(x, w, b, 1e-5, stats=False)
            )
            bench(
                "    torch.empty (1, 4096) on the device",
                lambda: torch.empty((1, N), dtype=x.dtype, device=x.device),
            )
            bench("    x.device", lambda: x.device)
            bench("    cfg.gpu_family (uncached)", lambda: cfg.gpu_family(x.device))
            bench("    cfg.forward_config", lambda: cfg.forward_config(N, x.dtype, fam))
            bench(
                "    cfg.fit_forward_tile + sm_count",
                lambda: cfg.fit_forward_tile(conf, 1, cfg.sm_count(x.device), 4),
            )
            bench(
                "    _fwd_kernel_consts",
                lambda: ln._fwd_kernel_consts(conf, 1, N, True, True, False),
            )
            bench(
                "    _launch (launches)",
                lambda: ln._launch(ln._fwd_kernel, (1,), args, consts, num_warps=conf.num_warps),
            )
            bench("      driver.get_current_device", driver.get_current_device)
            bench("      x.get_device", x.get_device)
            bench("      driver.get_current_stream", lambda: driver.get_current_stream(0))
            bench(
                "      the key",
                lambda: (
                    id(ln._fwd_kernel),
                    0,
                    *consts.values(),
                    ("num_warps", 4),
                    *[ln._arg_key(a) for a in args],
                ),
            )
            bench(
                "  _backward (launches)",
                lambda: ln._backward(dy, x, w, mean, rstd, True, torch.float32),
            )
            bench("    cfg.max_shared_memory", lambda: cfg.max_shared_memory(x.device))
            bench(
                "    cfg.backward_config", lambda: cfg.backward_config(N, x.dtype, fam, 232448, 4)
            )


if __name__ == "__main__":
    main()
