"""``python -m kernels.bench``: run the LayerNorm sweep, print the table, write the reports.

Exit status: 0 when every point was measured; 1 when a provider was wrong or failed (its row
says why); 2 on a usage error or when there is no CUDA device and ``--smoke`` was not given.
See docs/benchmarking.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

NO_GPU_MESSAGE = (
    "kernels.bench: no CUDA device is available, so there is nothing to measure.\n"
    "Run it on a GPU machine, or use --smoke for a tiny run on the Triton interpreter (CPU) that "
    "checks the pipeline but is NOT a GPU measurement."
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    from .harness import CORE_PROVIDERS, DTYPES, MODES, OPTIONAL_PROVIDERS, PROVIDERS

    parser = argparse.ArgumentParser(
        prog="python -m kernels.bench",
        description="Benchmark the Triton LayerNorm against PyTorch eager, torch.compile and a "
        "device-to-device copy (the bandwidth ceiling).",
    )
    parser.add_argument(
        "--dtypes",
        nargs="+",
        choices=DTYPES,
        metavar="DTYPE",
        help=f"dtypes to measure (default: all of {', '.join(DTYPES)})",
    )
    parser.add_argument(
        "--modes",
        nargs="+",
        choices=MODES,
        metavar="MODE",
        help=f"modes to measure (default: all of {', '.join(MODES)})",
    )
    parser.add_argument(
        "--providers",
        nargs="+",
        metavar="PROVIDER",
        choices=CORE_PROVIDERS + tuple(OPTIONAL_PROVIDERS),
        help=f"providers (default: {', '.join(PROVIDERS)}); keep 'copy' and "
        "'torch' for the %%-of-copy and speedup columns",
    )
    parser.add_argument(
        "--extended",
        action="store_true",
        help="add N = 768, 1536, 5120, 12288, 65536 and the latency shapes (1, 4096), (64, 4096)",
    )
    parser.add_argument(
        "--ns",
        nargs="+",
        type=int,
        metavar="N",
        help="measure only these N (at --rows M) instead of the sweep",
    )
    parser.add_argument(
        "--rows",
        type=int,
        metavar="M",
        help="rows of every point of the sweep or --ns (default: 4096); many rows show the "
        "streaming rate without a call's fixed cost",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=1,
        help="measure every point this many times, interleaved (default: 1)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("bench-out"), help="output directory (default: bench-out/)"
    )
    parser.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument(
        "--profile",
        nargs=2,
        type=int,
        metavar=("M", "N"),
        help="instead of the sweep, write Chrome traces of the Triton kernel "
        "and PyTorch at one shape (first --dtypes, default float16; first "
        "--modes, default forward_backward)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny shapes on the Triton interpreter (CPU): checks the pipeline, "
        "NOT a GPU measurement",
    )
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be >= 1")
    if args.extended and args.ns:
        parser.error("--extended and --ns exclude each other")
    if args.rows is not None:
        if args.rows < 1:
            parser.error("--rows must be >= 1")
        if args.extended or args.smoke:
            parser.error("--rows does not take --extended or --smoke (their shapes are fixed)")
    return args


def _reexec_with_interpreter(argv: list[str]) -> int:
    """Run this command again with TRITON_INTERPRET=1, which Triton reads at import time, and no
    visible GPU, so the smoke run is the CPU-only path CI tests even on a machine with CUDA."""
    env = {**os.environ, "TRITON_INTERPRET": "1", "CUDA_VISIBLE_DEVICES": ""}
    return subprocess.call([sys.executable, "-m", "kernels.bench", *argv], env=env)


def _shapes(args: argparse.Namespace, harness) -> list[tuple[int, int]]:
    if args.smoke:
        return list(harness.SMOKE_SHAPES)
    if args.extended:
        return harness.default_shapes(extended=True)
    rows = harness.M if args.rows is None else args.rows
    return [(rows, n) for n in args.ns or harness.DEFAULT_NS]


def _profile(args: argparse.Namespace, device: str) -> int:
    from .profile import profile

    m, n = args.profile
    dtype = args.dtypes[0] if args.dtypes else "float16"
    mode = args.modes[0] if args.modes else "forward_backward"
    print(f"Profiling {mode} {dtype} {m}x{n} on {device} ...", flush=True)
    for provider, trace in profile(m, n, dtype, mode, args.out, device=device).items():
        print(f"\n{provider}: {trace.path} (open in https://ui.perfetto.dev)\n{trace.top_kernels}")
    return 0


def _sweep(args: argparse.Namespace, device: str) -> int:
    from . import harness, report

    start = time.perf_counter()
    df = harness.run(
        _shapes(args, harness),
        dtypes=args.dtypes or harness.DTYPES,
        modes=args.modes or harness.MODES,
        providers=args.providers,
        repeats=args.repeats,
        progress=not args.no_progress,
        device=device,
    )
    print(report.format_table(df))
    paths = report.write_report(df, args.out, plots=not args.no_plots)
    print("\nWrote " + ", ".join(str(p) for p in paths))
    if report.banner(df):
        print(report.banner(df))
    print(f"Elapsed: {time.perf_counter() - start:.1f} s")
    return 1 if df["status"].str.startswith(("wrong", "error")).any() else 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.smoke and os.environ.get("TRITON_INTERPRET") != "1":
        return _reexec_with_interpreter(argv)

    import torch

    if args.smoke:
        device = "cpu"
    elif torch.cuda.is_available():
        device = "cuda"
    else:
        print(NO_GPU_MESSAGE, file=sys.stderr)
        return 2
    return _profile(args, device) if args.profile else _sweep(args, device)


if __name__ == "__main__":
    sys.exit(main())
