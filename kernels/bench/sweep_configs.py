# ruff: noqa: B023  (the lambdas below are timed at once, inside the loop that binds them)
"""Launch-configuration sweep: time many explicit configs side by side (GPU only).

This is the tool behind the heuristics in kernels/config.py and the tables in
docs/performance.md. For each (mode, dtype, N) at M = 4096 it checks every variant against the
float64 reference, then times it with the harness's timer (device time, median, L2 flushed)
next to a device-to-device copy of the same bytes, and prints GB/s and % of copy; it also
reports registers and spills per compiled kernel, the host cost of one small call, and peak
memory.

    python -m kernels.bench.sweep_configs --out DIR [--quick]
"""

from __future__ import annotations

import argparse
import itertools
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd
import torch
import torch.nn.functional as F
import triton

import kernels
from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench.harness import bytes_moved, cuda_times
from kernels.reference import assert_close, reference_grads

M = 4096


def copy_ms(nbytes: int) -> float:
    """A device-to-device copy moving ``nbytes`` in all (nbytes / 2 read, nbytes / 2 written)."""
    src = torch.randn(nbytes // 8, device="cuda")
    dst = torch.empty_like(src)
    return _median_ms(lambda: dst.copy_(src))


def _median_ms(fn) -> float:
    """The harness's timer (device time per call, L2 flushed), median."""
    return float(torch.tensor(cuda_times(fn)).median())


def _family() -> str:
    """The launch-table family of the GPU being swept (its "default" rows use that table)."""
    return cfg.gpu_family(torch.device("cuda"))


def forward_variants(n: int, dtype: torch.dtype, quick: bool):
    width = cfg.padded_width(n)
    default = cfg.forward_config(n, dtype, _family())
    out = {"default": default}
    if width <= 8192:  # whole rows: tile size (rows per program) and warps
        tiles = (cfg.FWD_TILE_ELEMS,) if quick else (4096, 8192, 16384)
        for tile, warps in itertools.product(tiles, (4, 8, 16)):
            block_m = max(1, tile // width)
            out[f"whole/m{block_m}/w{warps}"] = cfg.ForwardConfig(width, 1, block_m, warps)
    elif n <= cfg.FWD_MAX_BLOCK[dtype.itemsize]:  # wider whole rows: warps (log entry 30)
        for warps in (4, 8, 16, 32):
            out[f"whole/m1/w{warps}"] = cfg.ForwardConfig(width, 1, 1, warps)
    if n > cfg.FWD_MAX_BLOCK[dtype.itemsize]:  # streamed rows (chunk width), split rows
        for chunk in (8192, 16384, 32768):
            warps = min(32, chunk // 512)
            conf = cfg.ForwardConfig(chunk, triton.cdiv(n, chunk), 1, warps)
            out[f"chunk{chunk}/w{warps}"] = conf
        slices = (8192,) if quick else (4096, 8192, 16384)
        for block_n, tile, warps in itertools.product(slices, (8192, 16384), (4, 8, 16)):
            block_m, splits = max(1, tile // block_n), triton.cdiv(n, block_n)
            conf = cfg.ForwardConfig(block_n, 1, block_m, warps, splits)
            out[f"{block_n}x{splits}/m{block_m}/w{warps}"] = conf
            if block_m == 1:  # each tile's y stored a round late (bf16 131072: log entry 44)
                out[f"{block_n}x{splits}/m1/w{warps}/lag"] = replace(conf, lag=True)
        if default.splits > 1:
            out["default/two-launch"] = replace(default, exchange=False)
    if default.num_chunks > 1:  # streamed rows: per-lane or per-chunk statistics, L2 hints
        stats = "default/chunk-stats" if default.lane_stats else "default/lane-stats"
        out[stats] = replace(default, lane_stats=not default.lane_stats)
        hints = "default/no-l2-hints" if default.l2_hints else "default/l2-hints"
        out[hints] = replace(default, l2_hints=not default.l2_hints)
        order = "default/last-chunk-first" if default.in_order else "default/in-order"
        out[order] = replace(default, in_order=not default.in_order)
    if default.lane_stats:
        once = "default/counts-carried" if default.count_once else "default/count-once"
        out[once] = replace(default, count_once=not default.count_once)
        lanes = "default/lane-triples" if default.equal_lanes else "default/equal-lanes"
        out[lanes] = replace(default, equal_lanes=not default.equal_lanes)
        # pass 1's chunks in one padded load or a loop (16-bit 10240-24576: log entry 48),
        # where the chunk count is not a power of two (else both are the same one load)
        other = replace(default, padded_load=not default.padded_load)
        if default.equal_lanes and cfg.one_load_chunks(other) != cfg.one_load_chunks(default):
            load = "default/chunk-loop" if default.padded_load else "default/padded-load"
            out[load] = other
    if default.max_registers:  # the register cap off (fp16 32768 with statistics: log entry 47)
        out["default/no-register-cap"] = replace(default, max_registers=0)
    return out


def backward_variants(n: int, dtype: torch.dtype, quick: bool):
    width = cfg.padded_width(n)
    default = cfg.backward_config(n, dtype, _family())
    out = {"default": default}
    # Whole rows (up to BWD_MAX_BLOCK) or rows split into slices of 4096 or 8192 columns, one
    # program each; tile (elements per loop iteration) and warps. Loads as the default's
    # (config.backward_loads), with one program per SM (2 lost for whole rows and do not fit for
    # split rows: sweep 11).
    widths = [w for w in (4096, 8192) if w < width]
    widths += [width] if width <= cfg.BWD_MAX_BLOCK[dtype.itemsize] else []
    warps = (8, 16) if quick else (4, 8, 16)
    for block_n, tile, w in itertools.product(widths, (4096, 8192, 16384), warps):
        block_m, splits = max(1, tile // block_n), triton.cdiv(n, block_n)
        loads = cfg.backward_loads(n, block_n, splits, dtype.itemsize)
        conf = cfg.BackwardConfig(block_n, splits, block_m, w, 1, **loads)
        out[f"{block_n}x{splits}/m{block_m}/w{w}"] = conf
    if default.strided:  # each group's row tiles one contiguous run
        out["default/contiguous"] = replace(default, strided=False)
    if default.lag:  # each row tile finished in its own iteration
        out["default/unlagged"] = replace(default, lag=False)
    if default.splits > 1:  # the row sums swapped in two launches instead of one
        out["default/two-launch"] = replace(default, exchange=False, recompute=False)
    if default.splits == 2 and not default.tail_n:  # row sums computed whole, or swapped
        other = replace(default, recompute=not default.recompute)
        out["default/exchange" if default.recompute else "default/recompute"] = other
    if default.tail_n:  # blocks with a tail: the tail's width, the weights in registers
        for tail in (1024, 2048, 4096):
            if tail != default.tail_n and default.splits * (default.block_n + tail) >= n:
                out[f"default/tail{tail}"] = replace(default, tail_n=tail)
        out["default/weights-in-registers"] = replace(default, weights_per_row=False)
    return out


def _inputs(n: int, dtype: torch.dtype):
    x = torch.randn(M, n, device="cuda").to(dtype)
    w = torch.randn(n, device="cuda").to(dtype)
    b = torch.randn(n, device="cuda").to(dtype)
    dy = torch.randn(M, n, device="cuda").to(dtype)
    return x, w, b, dy


def _registers(kernel) -> tuple[int, int]:
    """(registers, spills) of the most recently compiled specialization of a jit kernel."""
    try:
        cache = kernel.device_caches[torch.cuda.current_device()][0]
        compiled = list(cache.values())[-1]
        compiled._init_handles()
        return compiled.n_regs, compiled.n_spills
    except Exception:  # internal API: best effort, reported as unknown
        return -1, -1


def sweep(quick: bool, csv: Path, modes, ns, dtypes) -> pd.DataFrame:
    """All variants; the CSV is rewritten after each (dtype, N) so a cut-off run keeps its rows."""
    rows = []
    for dtype, n in itertools.product([getattr(torch, d) for d in dtypes], ns):
        x, w, b, dy = _inputs(n, dtype)
        y_ref = kernels.layer_norm_reference(x, (n,), w, b)
        grads_ref = reference_grads(x, (n,), w, b, 1e-5, dy)
        _, mean, rstd = ln._forward(x, w, b, 1e-5)
        all_variants = {"forward": forward_variants, "backward": backward_variants}
        for mode in modes:
            variants = all_variants[mode](n, dtype, quick)
            nbytes = bytes_moved(mode, M, n, str(dtype).removeprefix("torch."))
            c_ms = copy_ms(nbytes)
            seen = set()
            for name, conf in variants.items():
                if conf in seen:
                    continue
                seen.add(conf)
                if mode == "forward":
                    fn = lambda conf=conf: ln._forward(x, w, b, 1e-5, conf)  # noqa: E731
                    expected, names, kernel = [y_ref], ("y",), ln._fwd_kernel
                else:
                    fn = lambda conf=conf: ln._backward(dy, x, w, mean, rstd, True, dtype, conf)  # noqa: E731
                    expected, names, kernel = grads_ref, ("dx", "dw", "db"), ln._bwd_kernel
                regs = spills = -1
                try:
                    got = fn()
                    regs, spills = _registers(kernel)
                    for g, ref, what in zip(got, expected, names, strict=False):
                        assert_close(g, ref, dtype, f"{mode} {name} {what}")
                    ms = _median_ms(fn)
                    status = "ok"
                except AssertionError as e:
                    ms, status = float("nan"), f"wrong: {e}"
                except Exception as e:  # a variant the compiler rejects is reported, not fatal
                    ms, status = float("nan"), f"error: {type(e).__name__}: {e}"[:300]
                rows.append(
                    dict(
                        mode=mode,
                        dtype=str(dtype).removeprefix("torch."),
                        N=n,
                        variant=name,
                        conf=str(conf),
                        ms=ms,
                        gbps=nbytes / ms / 1e6,
                        pct_copy=100 * c_ms / ms,
                        regs=regs,
                        spills=spills,
                        status=status,
                    )
                )
        torch_fwd = _median_ms(lambda: F.layer_norm(x, (n,), w, b))
        nb = bytes_moved("forward", M, n, str(dtype).removeprefix("torch."))
        rows.append(
            dict(
                mode="forward",
                dtype=str(dtype).removeprefix("torch."),
                N=n,
                variant="torch-eager",
                conf="",
                ms=torch_fwd,
                gbps=nb / torch_fwd / 1e6,
                pct_copy=100 * copy_ms(nb) / torch_fwd,
                regs=-1,
                spills=-1,
                status="ok",
            )
        )
        pd.DataFrame(rows).to_csv(csv, index=False)
        print(f"done {dtype} N={n}", flush=True)
    return pd.DataFrame(rows)


def host_overhead_us(iters: int = 3000) -> pd.DataFrame:
    """Wall-clock per call (host + device) of a (1, 4096) fp32 LayerNorm, layer by layer."""
    x = torch.randn(1, 4096, device="cuda", requires_grad=True)
    w = torch.randn(4096, device="cuda", requires_grad=True)
    b = torch.randn(4096, device="cuda", requires_grad=True)
    dy = torch.randn(1, 4096, device="cuda")
    y, mean, rstd = ln._forward(x.detach(), w.detach(), b.detach(), 1e-5)
    conf = cfg.forward_config(4096, torch.float32, _family())
    xd, wd, bd = x.detach(), w.detach(), b.detach()

    args = (xd, y, wd, bd, mean, rstd, 4096, 1, 4096, 1e-5)
    dependent = cfg.dependent_launches(xd.device)  # as the launchers launch it
    consts = ln._fwd_kernel_consts(conf, 1, 4096, True, True, True, dependent)
    options = dict(num_warps=conf.num_warps, **ln._dependent_launch_option(dependent))

    def raw_launch():
        ln._fwd_kernel[(1,)](*args, **consts, **options)

    def per_call(fn):
        for _ in range(50):
            fn()
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        for _ in range(iters):
            fn()
        torch.cuda.synchronize()
        return (time.perf_counter() - t0) / iters * 1e6

    def direct_launch():
        ln._launch(ln._fwd_kernel, (1,), args, consts, **options)

    layers = {
        "raw kernel launch": raw_launch,
        "direct launch (layernorm._launch)": direct_launch,
        "_forward launcher": lambda: ln._forward(xd, wd, bd, 1e-5),
        "Function.apply (no grad)": lambda: ln._LayerNormFunction.apply(xd, wd, bd, 1e-5),
        "kernels.layer_norm (no grad)": lambda: kernels.layer_norm(xd, (4096,), wd, bd),
        "F.layer_norm (no grad)": lambda: F.layer_norm(xd, (4096,), wd, bd),
        "kernels.layer_norm fwd+bwd": lambda: kernels.layer_norm(x, (4096,), w, b).backward(dy),
        "F.layer_norm fwd+bwd": lambda: F.layer_norm(x, (4096,), w, b).backward(dy),
        "_backward launcher": lambda: ln._backward(dy, xd, wd, mean, rstd, True, torch.float32),
    }
    return pd.DataFrame([dict(what=k, us_per_call=per_call(f)) for k, f in layers.items()])


def peak_memory() -> pd.DataFrame:
    """forward+backward peak allocated bytes above the inputs, (4096, 8192) bf16."""
    rows = []
    for name, f in (("triton", kernels.layer_norm), ("torch", F.layer_norm)):
        x = torch.randn(4096, 8192, device="cuda", dtype=torch.bfloat16, requires_grad=True)
        w = torch.randn(8192, device="cuda", dtype=torch.bfloat16, requires_grad=True)
        b = torch.randn(8192, device="cuda", dtype=torch.bfloat16, requires_grad=True)
        dy = torch.randn_like(x)
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
        base = torch.cuda.memory_allocated()
        f(x, (8192,), w, b).backward(dy)
        torch.cuda.synchronize()
        rows.append(
            dict(provider=name, peak_mib=(torch.cuda.max_memory_allocated() - base) / 2**20)
        )
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    parser.add_argument("--quick", action="store_true", help="fewer variants")
    parser.add_argument("--modes", nargs="+", default=["forward", "backward"])
    parser.add_argument("--dtypes", nargs="+", default=["float32", "bfloat16"])
    parser.add_argument(
        "--ns", nargs="+", type=int, default=[256, 1024, 4096, 8192, 16384, 32768, 65536]
    )
    parser.add_argument("--host-only", action="store_true", help="only the host-overhead table")
    parser.add_argument("--no-host", action="store_true", help="skip host-overhead and memory")
    args = parser.parse_args()
    if not torch.cuda.is_available():
        raise SystemExit("sweep_configs needs a CUDA GPU")
    args.out.mkdir(parents=True, exist_ok=True)
    print(torch.cuda.get_device_name(), torch.__version__, triton.__version__, flush=True)
    t0 = time.time()
    if not args.no_host:
        host = host_overhead_us()
        mem = peak_memory()
        print(host.to_string(), "\n", mem.to_string(), flush=True)
    if args.host_only:
        return
    df = sweep(args.quick, args.out / "sweep_configs.csv", args.modes, args.ns, args.dtypes)
    pd.set_option("display.width", 250, "display.max_rows", 2000, "display.max_colwidth", 60)
    best = df[df.status == "ok"].sort_values("ms").groupby(["mode", "dtype", "N"]).head(3)
    print(
        best.sort_values(["mode", "dtype", "N", "ms"])[
            ["mode", "dtype", "N", "variant", "gbps", "pct_copy", "regs", "spills"]
        ].to_string()
    )
    default = df[df.variant.isin(["default", "torch-eager"])]
    print(
        default[["mode", "dtype", "N", "variant", "gbps", "pct_copy", "regs", "spills"]].to_string()
    )
    bad = df[df.status != "ok"]
    if len(bad):
        print("WRONG RESULTS:\n", bad[["mode", "dtype", "N", "variant", "status"]].to_string())
    print(f"elapsed {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
