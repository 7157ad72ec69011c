# ruff: noqa: B023  (the lambdas below are timed at once, inside the loop that binds them)
"""Launch-configuration sweep: time many explicit configs side by side (GPU only).

This is the tool behind the heuristics in kernels/config.py and the tables in
docs/performance.md. For each (mode, dtype, N) at M = 4096 it checks every variant against the
float64 reference, then times it with ``triton.testing.do_bench`` (median, L2 flushed) next to a
device-to-device copy of the same bytes, and prints GB/s and % of copy; it also reports registers
and spills per compiled kernel, the host cost of one small call, and peak memory.

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
from kernels.reference import assert_close, reference_grads

M = 4096
WARMUP_MS, REP_MS = 10, 40


def bytes_moved(mode: str, m: int, n: int, itemsize: int) -> int:
    """Same model as the harness: forward x, y, w, b, mean/rstd; backward x, dy, dx, w, dw, db."""
    if mode == "forward":
        return 2 * m * n * itemsize + 2 * n * itemsize + 8 * m
    return 3 * m * n * itemsize + 3 * n * itemsize + 8 * m


def copy_ms(nbytes: int) -> float:
    src = torch.randn(nbytes // 4, device="cuda")
    dst = torch.empty_like(src)
    return triton.testing.do_bench(lambda: dst.copy_(src), warmup=WARMUP_MS, rep=REP_MS)


def forward_variants(n: int, dtype: torch.dtype, quick: bool):
    width = max(cfg.MIN_BLOCK_N, triton.next_power_of_2(n))
    out = {"default": cfg.forward_config(n, dtype)}
    if width <= 65536:
        tiles = (2048, 4096, 8192) if width <= 2048 and not quick else (cfg.FWD_TILE_ELEMS,)
        for tile, per_thread in itertools.product(tiles, (4, 8, 16, 32, 64)):
            block_m = max(1, tile // width)
            warps = cfg._warps(block_m * width, per_thread)
            out[f"whole/m{block_m}/w{warps}"] = cfg.ForwardConfig(width, 1, block_m, warps)
    if n >= 16384:
        for chunk, warps in itertools.product((4096, 8192), (8, 16)):
            out[f"chunk{chunk}/w{warps}"] = cfg.ForwardConfig(
                chunk, triton.cdiv(n, chunk), 1, warps
            )
    return out


def backward_variants(n: int, dtype: torch.dtype, quick: bool):
    width = max(cfg.MIN_BLOCK_N, triton.next_power_of_2(n))
    out = {"default": cfg.backward_config(n, dtype)}
    if width <= 16384:
        tiles = (2048, 4096, 8192) if width <= 4096 and not quick else (cfg.BWD_TILE_ELEMS,)
        for tile, per_thread, pps in itertools.product(tiles, (4, 8, 16), (1, 2, 4)):
            block_m = max(1, tile // width)
            warps = min(16, cfg._warps(block_m * width, per_thread))
            conf = cfg.BackwardConfig(width, 1, block_m, warps, pps)
            out[f"whole/m{block_m}/w{warps}/pps{pps}"] = conf
    if n >= 8192:
        for chunk, warps, pps in itertools.product((2048, 4096, 8192), (8, 16), (1, 2, 4)):
            conf = cfg.BackwardConfig(chunk, triton.cdiv(n, chunk), 1, warps, pps)
            out[f"chunk{chunk}/w{warps}/pps{pps}"] = conf
        base = cfg.BackwardConfig(cfg.BWD_CHUNK, triton.cdiv(n, cfg.BWD_CHUNK), 1, 16, 2)
        for (bm, bn, pw), pg_pps in itertools.product(
            ((32, 128, 4), (16, 256, 4), (64, 64, 4), (32, 256, 8)), (2, 4, 8)
        ):
            conf = replace(
                base, pg_block_m=bm, pg_block_n=bn, pg_warps=pw, pg_programs_per_sm=pg_pps
            )
            out[f"chunk/pg{bm}x{bn}/w{pw}/pps{pg_pps}"] = conf
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


def sweep(quick: bool, csv: Path) -> pd.DataFrame:
    """All variants; the CSV is rewritten after each (dtype, N) so a cut-off run keeps its rows."""
    rows = []
    ns = (256, 1024, 4096, 8192, 16384, 32768, 65536)
    for dtype, n in itertools.product((torch.float32, torch.bfloat16), ns):
        x, w, b, dy = _inputs(n, dtype)
        y_ref = kernels.layer_norm_reference(x, (n,), w, b)
        grads_ref = reference_grads(x, (n,), w, b, 1e-5, dy)
        _, mean, rstd = ln._forward(x, w, b, 1e-5)
        for mode, variants in (
            ("forward", forward_variants(n, dtype, quick)),
            ("backward", backward_variants(n, dtype, quick)),
        ):
            nbytes = bytes_moved(mode, M, n, dtype.itemsize)
            c_ms = copy_ms(nbytes)
            seen = set()
            for name, conf in variants.items():
                if conf in seen:
                    continue
                seen.add(conf)
                if mode == "forward":
                    fn = lambda conf=conf: ln._forward(x, w, b, 1e-5, conf)  # noqa: E731
                    check = [(fn()[0], y_ref, "y")]
                    kernel = ln._fwd_kernel
                else:
                    fn = lambda conf=conf: ln._backward(dy, x, w, mean, rstd, True, dtype, conf)  # noqa: E731
                    check = list(zip(fn(), grads_ref, ("dx", "dw", "db"), strict=True))
                    kernel = ln._bwd_kernel
                regs, spills = _registers(kernel)
                try:
                    for got, ref, what in check:
                        assert_close(got, ref, dtype, f"{mode} {name} {what}")
                    ms = triton.testing.do_bench(fn, warmup=WARMUP_MS, rep=REP_MS)
                    status = "ok"
                except AssertionError as e:
                    ms, status = float("nan"), f"wrong: {e}"
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
        torch_fwd = triton.testing.do_bench(
            lambda: F.layer_norm(x, (n,), w, b), warmup=WARMUP_MS, rep=REP_MS
        )
        nb = bytes_moved("forward", M, n, dtype.itemsize)
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
    """Wall-clock per call (host + device) of a (1, 4096) LayerNorm: forward, forward+backward."""
    x = torch.randn(1, 4096, device="cuda", requires_grad=True)
    w = torch.randn(4096, device="cuda", requires_grad=True)
    b = torch.randn(4096, device="cuda", requires_grad=True)
    dy = torch.randn(1, 4096, device="cuda")

    def per_call(fn):
        for _ in range(50):
            fn()
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        for _ in range(iters):
            fn()
        torch.cuda.synchronize()
        return (time.perf_counter() - t0) / iters * 1e6

    import cProfile
    import pstats

    with torch.no_grad(), cProfile.Profile() as prof:
        for _ in range(500):
            kernels.layer_norm(x, (4096,), w, b)
    pstats.Stats(prof).sort_stats("tottime").print_stats(18)
    rows = []
    for name, f in (("triton", kernels.layer_norm), ("torch", F.layer_norm)):
        with torch.no_grad():
            fwd = per_call(lambda f=f: f(x, (4096,), w, b))
        both = per_call(lambda f=f: f(x, (4096,), w, b).backward(dy))
        rows.append(dict(provider=name, forward_us=fwd, fwd_bwd_us=both))
    return pd.DataFrame(rows)


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
    args = parser.parse_args()
    if not torch.cuda.is_available():
        raise SystemExit("sweep_configs needs a CUDA GPU")
    args.out.mkdir(parents=True, exist_ok=True)
    print(torch.cuda.get_device_name(), torch.__version__, triton.__version__, flush=True)
    t0 = time.time()
    host = host_overhead_us()
    mem = peak_memory()
    print(host.to_string(), "\n", mem.to_string(), flush=True)
    df = sweep(args.quick, args.out / "sweep_configs.csv")
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
