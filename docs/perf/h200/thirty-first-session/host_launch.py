"""Probe 143 (thirty-first session): what a small call's compiled-kernel launch costs, piece by
piece. Entry 72 left ~11 us of a (1, 4096) inference call's ~25 in Triton's compiled launcher.
For every pointer argument that launcher calls the tensor's data_ptr() and then the driver's
cuPointerGetAttribute; an int is taken as the address as it is. Hypothesis: those calls are a
large part of the launch (6 tensors a forward, 9-10 a backward launch). Variants of
layernorm._launch, swapped in for the whole call (kernels.layer_norm, the launchers alone, and
forward+backward through autograd):
  current   the repository's _launch
  ptrs      the same, the tensors passed to the compiled launcher as data_ptr() ints
  direct    ptrs, and Triton's CudaLauncher.__call__ (a Python layer) skipped: its C launch
            function called as that __call__ would (only when no scratch memory is needed)
plus F.layer_norm, and the pieces alone (data_ptr, torch.empty forms). Outputs are checked
bitwise against the current launcher first. Wall time a call over CALLS calls after WARM,
ROUNDS rotated rounds, medians (range).
  PYTHONPATH=. python docs/perf/h200/thirty-first-session/host_launch.py
"""

import time

import torch
import torch.nn.functional as F
import triton

import kernels
from kernels import layernorm as ln

CALLS, WARM, ROUNDS = 3000, 300, 6
CURRENT = ln._launch


def _compiled(kernel, args, consts, plan_key, options):
    driver = triton.runtime.driver.active
    device = driver.get_current_device()
    assert args[0].get_device() == device
    if plan_key:
        key = (id(kernel), plan_key)
    else:
        key = (id(kernel), device, *consts.values(), *options.items())
        key += tuple(ln._arg_key(a) for a in args)
    return ln._compiled_kernels.get(key), driver.get_current_stream(device)


def launch_ptrs(kernel, grid, args, consts, plan_key=(), **options):
    compiled, stream = _compiled(kernel, args, consts, plan_key, options)
    if compiled is None:
        return CURRENT(kernel, grid, args, consts, plan_key=plan_key, **options)
    ptrs = tuple(a.data_ptr() if isinstance(a, torch.Tensor) else a for a in args)
    grid = (*grid, 1, 1)
    runtime = triton.knobs.runtime
    compiled.run(
        grid[0],
        grid[1],
        grid[2],
        stream,
        compiled.function,
        compiled.packed_metadata,
        compiled.launch_metadata(grid[:3], stream, *args, *consts.values()),
        runtime.launch_enter_hook,
        runtime.launch_exit_hook,
        *ptrs,
        *consts.values(),
    )


def launch_direct(kernel, grid, args, consts, plan_key=(), **options):
    compiled, stream = _compiled(kernel, args, consts, plan_key, options)
    if compiled is None:
        return CURRENT(kernel, grid, args, consts, plan_key=plan_key, **options)
    launcher = compiled.run
    assert launcher.global_scratch_size == 0 and launcher.profile_scratch_size == 0
    ptrs = tuple(a.data_ptr() if isinstance(a, torch.Tensor) else a for a in args)
    grid = (*grid, 1, 1)
    runtime = triton.knobs.runtime
    launcher.launch(
        grid[0],
        grid[1],
        grid[2],
        stream,
        compiled.function,
        launcher.launch_cooperative_grid,
        launcher.launch_pdl,
        None,
        None,
        compiled.packed_metadata,
        compiled.launch_metadata(grid[:3], stream, *args, *consts.values()),
        runtime.launch_enter_hook,
        runtime.launch_exit_hook,
        *ptrs,
        *consts.values(),
    )


LAUNCHES = {"current": CURRENT, "ptrs": launch_ptrs, "direct": launch_direct}


def per_call(f, launch):
    ln._launch = launch
    try:
        for _ in range(WARM):
            f()
        torch.cuda.synchronize()
        t = time.perf_counter()
        for _ in range(CALLS):
            f()
        torch.cuda.synchronize()
        return (time.perf_counter() - t) / CALLS * 1e6
    finally:
        ln._launch = CURRENT


def check(dev):
    """Every variant's outputs bitwise equal the current launcher's (forward and backward)."""
    for dtype in (torch.float32, torch.bfloat16):
        for shape in ((1, 4096), (64, 4096), (4096, 8192)):
            x = torch.randn(*shape, device=dev, dtype=dtype)
            w, b = (torch.randn(shape[1], device=dev, dtype=dtype) for _ in range(2))
            dy = torch.randn_like(x)
            outs = {}
            for name, launch in LAUNCHES.items():
                ln._launch = launch
                try:
                    for _ in range(2):  # the first launch compiles, the second takes the path
                        y, mean, rstd = ln._forward(x, w, b, 1e-5)
                        dx, dw, db = ln._backward(dy, x, w, mean, rstd, True, dtype)
                    torch.cuda.synchronize()
                finally:
                    ln._launch = CURRENT
                outs[name] = (y, mean, rstd, dx, dw, db)
            ref = torch.nn.functional.layer_norm(x.double(), (shape[1],), w.double(), b.double())
            assert (outs["current"][0].double() - ref).abs().max() < 0.1, "current is wrong"
            for name, o in outs.items():
                same = all(torch.equal(a, c) for a, c in zip(o, outs["current"], strict=True))
                assert same, (name, dtype, shape)
    print("check: every variant bitwise equal to the current launcher", flush=True)


def main():
    print(torch.cuda.get_device_name(), torch.__version__, triton.__version__, flush=True)
    dev = torch.device("cuda")
    check(dev)
    variants = {}
    for dtype, tag in ((torch.float32, "fp32"), (torch.bfloat16, "bf16")):
        x = torch.randn(1, 4096, device=dev, dtype=dtype)
        w, b = (torch.randn(4096, device=dev, dtype=dtype) for _ in range(2))
        for name, launch in LAUNCHES.items():
            variants[f"{tag} inference, {name}"] = (
                lambda x=x, w=w, b=b: kernels.layer_norm(x, (4096,), w, b),
                launch,
            )
        variants[f"{tag} inference, F.layer_norm"] = (
            lambda x=x, w=w, b=b: F.layer_norm(x, (4096,), w, b),
            CURRENT,
        )
    x = torch.randn(1, 4096, device=dev)
    w, b = (torch.randn(4096, device=dev) for _ in range(2))
    dy = torch.randn_like(x)
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    xg, wg, bg = (t.clone().requires_grad_() for t in (x, w, b))
    for name, launch in LAUNCHES.items():
        variants[f"fp32 _backward, {name}"] = (
            lambda: ln._backward(dy, x, w, mean, rstd, True, torch.float32),
            launch,
        )
        variants[f"fp32 fwd+bwd, {name}"] = (
            lambda: kernels.layer_norm(xg, (4096,), wg, bg).backward(dy),
            launch,
        )
    variants["fp32 fwd+bwd, F.layer_norm"] = (
        lambda: F.layer_norm(xg, (4096,), wg, bg).backward(dy),
        CURRENT,
    )
    # the pieces
    variants["piece: 6 x data_ptr()"] = (
        lambda: (
            x.data_ptr(),
            w.data_ptr(),
            b.data_ptr(),
            mean.data_ptr(),
            rstd.data_ptr(),
            x.data_ptr(),
        ),
        CURRENT,
    )
    variants["piece: torch.empty((M, N), dtype, device)"] = (
        lambda: torch.empty((1, 4096), dtype=x.dtype, device=x.device),
        CURRENT,
    )
    variants["piece: torch.empty_like(x)"] = (lambda: torch.empty_like(x), CURRENT)
    variants["piece: x.new_empty((M, N))"] = (lambda: x.new_empty((1, 4096)), CURRENT)
    times = {k: [] for k in variants}
    names = list(variants)
    for r in range(ROUNDS):
        for k in names[r % len(names) :] + names[: r % len(names)]:
            f, launch = variants[k]
            times[k].append(per_call(f, launch))
    for k, ts in times.items():
        med = sorted(ts)[len(ts) // 2]
        print(
            f"{k:44s} median {med:6.1f} ({min(ts):.1f}-{max(ts):.1f}) us  "
            f"rounds: {' '.join(f'{t:.1f}' for t in ts)}",
            flush=True,
        )


if __name__ == "__main__":
    main()
