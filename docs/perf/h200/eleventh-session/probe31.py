"""Probe 31: what inductor generates for the forward of rows between powers of two. Compiles
F.layer_norm (as the harness's torch_compile provider does) for (4096, N) rows, runs it (its
reduction autotuning happens on the first call), and leaves inductor's cache (kernel source and
.best_config files) under the directory TORCHINDUCTOR_CACHE_DIR names. Usage:
TORCHINDUCTOR_CACHE_DIR=$OUT/inductor python probe31.py bfloat16:10240 bfloat16:20480 float32:10240"""
import sys

import torch
import torch.nn.functional as F

if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for part in sys.argv[1:]:
        dtype, n = part.split(":")
        n = int(n)
        dt = getattr(torch, dtype)
        x = torch.randn(4096, n, device="cuda", dtype=dt)
        w = torch.randn(n, device="cuda", dtype=dt)
        b = torch.randn(n, device="cuda", dtype=dt)
        torch._dynamo.reset()
        fn = torch.compile(lambda x, w, b: F.layer_norm(x, (n,), w, b, 1e-5))
        y = fn(x, w, b)
        torch.cuda.synchronize()
        err = (y.float() - F.layer_norm(x.float(), (n,), w.float(), b.float(), 1e-5)).abs().max()
        print(f"{dtype} {n}: compiled, max abs err vs fp32 eager {err.item():.3g}", flush=True)
