"""Proof, on the GPU, that the regression gate (kernels/bench/compare.py) catches slowdowns and
does not cry wolf.

``python -m kernels.bench.gate_proof --out DIR`` (about 8 minutes on one H100) runs the harness
again and again, each run a fresh process (``--worker``) writing ``DIR/runs/NN-KIND/results.csv``:

1. noise: baseline runs interleaved with the slowed ones; the run-to-run spread per point, and
   the floor it implies (from the first half of the baseline pairs only);
2. power: runs with ``KERNELS_TEST_SLOWDOWN`` in ``SLOWDOWNS``, each compared with the baseline
   run just before it: which Triton points the verdict flags (copy is the untouched control);
3. false alarms: consecutive pairs of baseline runs (identical code) compared like a pull
   request would be: every verdict that is not ``unchanged`` is a false alarm.

It prints a Markdown report (also ``DIR/report.md``) and writes ``DIR/noise.csv`` and
``DIR/pairs.csv``. ``python -m kernels.bench.gate_proof --analyze DIR`` redoes the analysis from
the CSVs anywhere (no GPU), e.g. after changing ``compare.POLICY``.
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd

from kernels.bench import compare

# ---- knobs ----------------------------------------------------------------------------------
DTYPES = ("float16",)
MODES = ("forward", "backward")
PROVIDERS = ("triton", "copy")
REPEATS = 3
"""Samples per point and run, as for a pull request's base and head (noxfile PR_REPEATS)."""
WARMUP_MS, REP_MS = 10, 25
"""Harness timer budget per sample: a quarter of the harness's, to fit the budget (noisier, so the
proof errs towards false alarms and against power)."""
SLOWDOWNS = (0.02, 0.05, 0.10, 0.20)
"""KERNELS_TEST_SLOWDOWN fractions: the kernel copies that fraction of its rows once more."""
SLOWDOWN_ROUNDS = 2
"""Slowed runs per fraction (each against its own baseline): caught twice = caught reliably."""
MAX_BASELINES = 25
"""Baseline runs at most: 24 consecutive pairs, 12 to calibrate the floor, 12 to test it."""
BUDGET_S = 420
"""No run starts after this many seconds (the last one may take RUN_TIMEOUT_S more at worst)."""
RUN_TIMEOUT_S = 120
FLOOR_MARGIN = 1.25
"""Recommended floor = margin x the largest calibration change the spread term leaves uncovered."""
FLOOR_STEP = 0.5
"""The recommended floor is rounded up to a multiple of this (in %)."""
GATE_METRIC = "gbps"


# ---- running (GPU) --------------------------------------------------------------------------
def schedule() -> list[float]:
    """Slowdown fraction of each run in order (0 = baseline): slowed runs between baselines
    first, so that the budget cuts only baselines."""
    runs = [0.0]
    for fraction in SLOWDOWNS * SLOWDOWN_ROUNDS:
        runs += [fraction, 0.0]
    return runs + [0.0] * (MAX_BASELINES - runs.count(0.0))


def run_label(index: int, fraction: float) -> str:
    return f"{index:02d}-base" if fraction == 0 else f"{index:02d}-slow{fraction:.2f}"


def worker(out: Path) -> None:
    """One measurement run in this (fresh) process; KERNELS_TEST_SLOWDOWN comes from the env."""
    from kernels.bench import harness, report

    harness.WARMUP_MS, harness.REP_MS = WARMUP_MS, REP_MS
    df = harness.run(
        dtypes=DTYPES, modes=MODES, providers=PROVIDERS, repeats=REPEATS, progress=False
    )
    report.write_report(df, out, plots=False)


def measure_all(out: Path) -> float:
    """Run the schedule until done or out of budget; the seconds it took."""
    start = time.monotonic()
    for index, fraction in enumerate(schedule()):
        elapsed = time.monotonic() - start
        if elapsed > BUDGET_S:
            print(f"budget of {BUDGET_S} s reached after {index} runs", flush=True)
            break
        run_dir = out / "runs" / run_label(index, fraction)
        env = dict(os.environ, KERNELS_TEST_SLOWDOWN=str(fraction))
        command = [sys.executable, "-m", "kernels.bench.gate_proof", "--worker", str(run_dir)]
        subprocess.run(command, env=env, check=True, timeout=RUN_TIMEOUT_S)
        print(f"[{elapsed:5.0f} s] {run_dir.name} done", flush=True)
    return time.monotonic() - start


# ---- analysis (anywhere) --------------------------------------------------------------------
def load_runs(out: Path) -> list[tuple[str, float, compare.ResultSet]]:
    """(label, slowdown fraction, results) of every run under ``out/runs``, in run order."""
    runs = []
    for run_dir in sorted((out / "runs").iterdir()):
        kind = run_dir.name.split("-", 1)[1]
        fraction = 0.0 if kind == "base" else float(kind.removeprefix("slow"))
        runs.append((run_dir.name, fraction, compare.load_file(run_dir)))
    if not runs:
        raise SystemExit(f"no runs under {out / 'runs'}")
    return runs


def comparisons(runs) -> list[tuple[str, float, str, str]]:
    """(kind, fraction, base label, head label): each baseline run against the previous one
    ("identical", listed first), then each slowed run against the baseline run before it."""
    bases = [label for label, fraction, _ in runs if fraction == 0]
    pairs = [("identical", 0.0, a, b) for a, b in zip(bases, bases[1:], strict=False)]
    last_base = None
    for label, fraction, _ in runs:
        if fraction == 0:
            last_base = label
        elif last_base is not None:
            pairs.append(("slowed", fraction, last_base, label))
    return pairs


def verdict_rows(runs, pairs, policy: compare.NoisePolicy) -> pd.DataFrame:
    """Every point's verdict of every comparison, under ``policy``."""
    results = {label: result for label, _, result in runs}
    frames = []
    for i, (kind, fraction, base, head) in enumerate(pairs):
        table = compare.compare(results[base], results[head], GATE_METRIC, policy)
        frames.append(table.assign(pair=i, kind=kind, fraction=fraction, base=base, head=head))
    return pd.concat(frames, ignore_index=True)


def recommended_floor(calibration: pd.DataFrame, k: float) -> float:
    """Smallest floor (x margin, rounded up) under which no calibration pair flags a point."""
    spread = k * calibration[["spread_base", "spread_head"]].max(axis=1)
    uncovered = calibration["delta_pct"].abs().where(calibration["delta_pct"].abs() > spread, 0)
    return max(FLOOR_STEP, math.ceil(FLOOR_MARGIN * uncovered.max() / FLOOR_STEP) * FLOOR_STEP)


def noise_by_n(identical: pd.DataFrame) -> pd.DataFrame:
    """Per (provider, N): run-to-run |delta| quantiles of identical pairs, in-run sample spread."""
    grouped = identical.groupby(["provider", "N"])
    return pd.DataFrame(
        {
            "pairs": grouped["pair"].nunique(),
            "median_abs_delta_pct": grouped["delta_pct"].apply(lambda d: d.abs().median()),
            "p95_abs_delta_pct": grouped["delta_pct"].apply(lambda d: d.abs().quantile(0.95)),
            "max_abs_delta_pct": grouped["delta_pct"].apply(lambda d: d.abs().max()),
            "median_sample_spread_pct": grouped["spread_base"].median(),
        }
    ).reset_index()


def false_alarms(rows: pd.DataFrame) -> dict:
    """Counts over identical pairs: pairs, pairs with any Triton flag, gate failures."""
    triton = rows[rows["provider"] == compare.GATED_PROVIDER]
    flagged = triton[triton["verdict"].isin(["regressed", "improved"])]
    return {
        "pairs": rows["pair"].nunique(),
        "pairs_flagged": flagged["pair"].nunique(),
        "points_flagged": len(flagged),
        "points": len(triton),
        "gate_failures": flagged.loc[flagged["verdict"] == "regressed", "pair"].nunique(),
    }


def power(rows: pd.DataFrame) -> pd.DataFrame:
    """Per slowed run: gate failed?, Triton points flagged, the N flagged, copy flags."""
    out = []
    for (fraction, pair), table in rows.groupby(["fraction", "pair"]):
        triton = table[table["provider"] == compare.GATED_PROVIDER]
        regressed = triton[triton["verdict"] == "regressed"]
        flagged_ns = regressed.groupby(["mode", "dtype"])["N"].apply(
            lambda n: ",".join(map(str, sorted(n)))
        )
        out.append(
            {
                "slowdown": f"{fraction:.0%}",
                "pair": pair,
                "gate_failed": compare.gate_failed(table),
                "triton_regressed": f"{len(regressed)}/{len(triton)}",
                "median_delta_pct": triton["delta_pct"].median(),
                "flagged_N": "; ".join(f"{m} {d}: {n}" for (m, d), n in flagged_ns.items()),
                "copy_flags": int(
                    (table.loc[table["provider"] == "copy", "verdict"] != "unchanged").sum()
                ),
            }
        )
    return pd.DataFrame(out)


def markdown(df: pd.DataFrame, floatfmt: str = ".2f") -> str:
    """A small DataFrame as a GitHub Markdown table."""
    cells = df.map(lambda v: format(v, floatfmt) if isinstance(v, float) else str(v))
    lines = ["| " + " | ".join(map(str, df.columns)) + " |", "|" + "---|" * len(df.columns)]
    lines += ["| " + " | ".join(row) + " |" for row in cells.itertuples(index=False)]
    return "\n".join(lines)


def header(runs, elapsed_s, current, half, floor) -> list[str]:
    """The report's first lines: machine, what was run, the policy and the recommended floor."""
    machine = runs[0][2].machine
    baselines = sum(fraction == 0 for _, fraction, _ in runs)
    took = f" in {elapsed_s:.0f} s" if elapsed_s else ""
    return [
        "# Regression gate proof",
        "",
        f"- GPU: {machine.get('gpu')}; torch {machine.get('torch')}; "
        f"triton {machine.get('triton')}",
        f"- runs: {len(runs)} ({baselines} baseline){took}; {', '.join(DTYPES)} x "
        f"{', '.join(MODES)} x N = 256..32768 x {', '.join(PROVIDERS)}; {REPEATS} samples per "
        f"point and run, timer warm-up/rep {WARMUP_MS}/{REP_MS} ms",
        f"- current policy (compare.py): floor {current.floor_pct:g} %, k = {current.k:g}",
        f"- recommended floor from the first {half} identical pairs: **{floor:g} %** (margin "
        f"{FLOOR_MARGIN:g} over the largest change the k x spread term leaves uncovered)",
    ]


def false_alarm_table(rows: dict[str, pd.DataFrame], held_out: set[int]) -> pd.DataFrame:
    """False-alarm counts per policy, over all identical pairs and over the held-out ones."""
    table = []
    for name, frame in rows.items():
        identical = frame[frame["kind"] == "identical"]
        for subset, chosen in (
            ("all", identical),
            ("held out", identical[identical["pair"].isin(held_out)]),
        ):
            table.append({"policy": name, "identical pairs": subset, **false_alarms(chosen)})
    return pd.DataFrame(table)


def analyze(out: Path, elapsed_s: float | None = None) -> str:
    """The report from the runs under ``out``; writes noise.csv, pairs.csv and report.md.

    The floor is recommended from the first half of the identical pairs; the false alarms are
    also counted on the other half alone ("held out"), which played no part in choosing it.
    """
    runs = load_runs(out)
    pairs = comparisons(runs)
    n_identical = sum(kind == "identical" for kind, *_ in pairs)
    if n_identical < 2:
        raise SystemExit(f"only {n_identical} identical pairs under {out}: not enough to judge")
    half = n_identical // 2
    current = compare.POLICY
    floor = recommended_floor(verdict_rows(runs, pairs[:half], current), current.k)
    policies = {"current": current, "recommended": replace(current, floor_pct=floor)}
    rows = {name: verdict_rows(runs, pairs, policy) for name, policy in policies.items()}
    identical = rows["current"][rows["current"]["kind"] == "identical"]
    noise = noise_by_n(identical)
    noise.to_csv(out / "noise.csv", index=False)
    all_rows = pd.concat(frame.assign(policy=name) for name, frame in rows.items())
    all_rows.to_csv(out / "pairs.csv", index=False)
    lines = header(runs, elapsed_s, current, half, floor)
    lines += ["", "## Run-to-run noise of identical runs (GB/s)", "", markdown(noise)]
    lines += ["", "## False alarms: identical runs compared like a pull request", ""]
    lines += [markdown(false_alarm_table(rows, set(range(half, n_identical))))]
    for name, frame in rows.items():
        slowed = frame[frame["kind"] == "slowed"]
        if len(slowed):
            lines += ["", f"## Power ({name} policy): slowed kernel vs the baseline before it"]
            lines += ["", markdown(power(slowed))]
    text = "\n".join(lines)
    (out / "report.md").write_text(text + "\n")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kernels.bench.gate_proof", description=__doc__.split("\n\n")[0]
    )
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--out", type=Path, help="measure on the GPU, then analyze, into OUT")
    group.add_argument("--analyze", type=Path, metavar="DIR", help="analyze existing runs only")
    group.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker)
        return 0
    if args.analyze:
        print(analyze(args.analyze))
        return 0
    import torch

    if not torch.cuda.is_available():
        print("gate_proof measures a GPU: no CUDA device here (use --analyze DIR)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    elapsed = measure_all(args.out)
    print(analyze(args.out, elapsed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
