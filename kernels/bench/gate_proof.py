"""Proof, on the GPU, that the regression gate (kernels/bench/compare.py) catches slowdowns and
does not cry wolf, and the calibration of its per-point noise table.

``python -m kernels.bench.gate_proof --out DIR`` (about 7 minutes on one H100) runs the harness
again and again, each run a fresh process (``--worker``) writing ``DIR/runs/NN-KIND/results.csv``:
baseline runs (identical code) interleaved with runs slowed by ``KERNELS_TEST_SLOWDOWN`` in
``SLOWDOWNS``. The slowdown copies that fraction of the rows once more in an extra kernel, so its
measured effect is not the fraction: larger, the more so at small N where the extra launch
dominates. The analysis then:

1. calibrates: the first half of the identical pairs (consecutive baseline runs) gives each
   (mode, N, provider) its run-to-run noise, the largest |delta GB/s %| among them. Written to
   ``DIR/calibrated-noise.csv``; install it as ``kernels/bench/noise/<gpu>.csv`` (the report
   prints the command) and ``compare`` uses it for that GPU;
2. counts false alarms: identical pairs compared like a pull request under ``compare.POLICY``
   with that calibration; on the other half ("held out", no part of the calibration) and on all
   pairs ("in-sample");
3. measures power: each slowed run against the baseline run before it; per point the measured
   delta next to whether the verdict flagged it, and per N range the smallest measured slowdown
   caught in both rounds (copy is the untouched control);
4. compares other margins and the uncalibrated default floor on the same runs.

It prints a Markdown report (also ``DIR/report.md``) and writes ``DIR/noise.csv`` (noise
statistics per point) and ``DIR/pairs.csv`` (every verdict). ``python -m kernels.bench.gate_proof
--analyze DIR`` redoes the analysis from the saved runs anywhere (no GPU), e.g. after changing
``compare.POLICY``.
"""

from __future__ import annotations

import argparse
import math
import os
import re
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
"""Baseline runs at most: 24 consecutive pairs, 12 to calibrate the noise, 12 to test it."""
BUDGET_S = 420
"""No run starts after this many seconds (the last one may take RUN_TIMEOUT_S more at worst)."""
RUN_TIMEOUT_S = 120
GATE_METRIC = "gbps"
N_RANGES = ((256, 2048), (4096, 8192), (16384, 32768))
"""N ranges of the power summary: launch-bound, in between, bandwidth-bound (on an H100)."""
MARGINS = (1.0, 1.5, 2.0, 3.0)
"""Margins the report also evaluates, next to compare.POLICY's."""
CONFIDENCE = 0.95
"""Of the upper bound on the false-alarm rate stated for the held-out pairs."""
CALIBRATION_FILE = "calibrated-noise.csv"
BY_POINT = ["provider", "mode", "N"]
"""Grouping and order of the per-point noise tables (the gated provider first)."""


# ---- running (GPU) --------------------------------------------------------------------------
def schedule() -> list[float]:
    """Slowdown fraction of each run in order (0 = baseline): slowed runs between baselines
    first, so that the budget cuts only baselines."""
    runs = [0.0]
    for fraction in SLOWDOWNS * SLOWDOWN_ROUNDS:
        runs += [fraction, 0.0]
    return runs + [0.0] * (MAX_BASELINES - runs.count(0.0))


def run_label(index: int, fraction: float) -> str:
    """Folder name of run ``index``: ``NN-base`` or ``NN-slowF``."""
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


# ---- comparisons (anywhere) -----------------------------------------------------------------
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


def verdict_rows(runs, pairs, policy: compare.NoisePolicy, noise: pd.DataFrame) -> pd.DataFrame:
    """Every point's verdict of every comparison, under ``policy`` with the ``noise`` table."""
    results = {label: result for label, _, result in runs}
    frames = []
    for i, (kind, fraction, base, head) in enumerate(pairs):
        table = compare.compare(results[base], results[head], GATE_METRIC, policy, noise)
        frames.append(
            table.assign(pair=i, kind=kind, fraction=fraction, base_run=base, head_run=head)
        )
    return pd.concat(frames, ignore_index=True)


# ---- calibration ----------------------------------------------------------------------------
def calibration_source(runs, calibration_pairs) -> str:
    """The noise table's ``source``: what it was measured from."""
    machine = runs[0][2].machine
    first, last = calibration_pairs[0][2], calibration_pairs[-1][3]
    return (
        f"gate_proof: {len(calibration_pairs)} identical pairs of runs {first}..{last}, "
        f"{'+'.join(DTYPES)}, torch {machine.get('torch')}, triton {machine.get('triton')}"
    )


def calibrate(rows: pd.DataFrame, gpu: str, source: str) -> pd.DataFrame:
    """The noise table (``compare.NOISE_COLUMNS``) from the calibration pairs' verdict rows: per
    (mode, N, provider) the largest |delta %| (over the dtypes too) and the pairs it saw."""
    grouped = rows.dropna(subset=["delta_pct"]).groupby(compare.NOISE_POINT)
    table = pd.DataFrame(
        {
            "max_abs_delta_pct": grouped["delta_pct"].apply(lambda d: d.abs().max()).round(3),
            "pairs": grouped["pair"].nunique(),
        }
    ).reset_index()
    table = table.assign(gpu=gpu, source=source)[compare.NOISE_COLUMNS]
    return table.sort_values(BY_POINT, key=compare.sort_key).reset_index(drop=True)


def install_name(gpu: str) -> str:
    """File name of ``gpu``'s noise table under kernels/bench/noise/."""
    return re.sub(r"[^a-z0-9]+", "-", gpu.lower()).strip("-") + ".csv"


def noise_stats(identical: pd.DataFrame, held_out: set[int]) -> pd.DataFrame:
    """Per (provider, mode, N): run-to-run |delta %| of the calibration, held-out and all
    identical pairs, and the median in-run sample spread (%)."""
    rows = identical.assign(abs_delta=identical["delta_pct"].abs())
    is_held_out = rows["pair"].isin(held_out)
    grouped = rows.groupby(BY_POINT)
    stats = pd.DataFrame(
        {
            "pairs": grouped["pair"].nunique(),
            "calibration_max_pct": rows[~is_held_out].groupby(BY_POINT)["abs_delta"].max(),
            "held_out_max_pct": rows[is_held_out].groupby(BY_POINT)["abs_delta"].max(),
            "all_median_pct": grouped["abs_delta"].median(),
            "all_p95_pct": grouped["abs_delta"].quantile(0.95),
            "all_max_pct": grouped["abs_delta"].max(),
            "median_sample_spread_pct": grouped["spread_base"].median(),
        }
    ).reset_index()
    return stats.sort_values(BY_POINT, key=compare.sort_key).reset_index(drop=True)


# ---- verdict statistics ---------------------------------------------------------------------
def gated(rows: pd.DataFrame) -> pd.DataFrame:
    """The gated provider's rows."""
    return rows[rows["provider"] == compare.GATED_PROVIDER]


def false_alarms(rows: pd.DataFrame) -> dict:
    """Counts over identical pairs: pairs, pairs with a flagged Triton point, gate failures."""
    triton = gated(rows)
    flagged = triton[triton["verdict"].isin(["regressed", "improved"])]
    return {
        "pairs": rows["pair"].nunique(),
        "gate_failures": flagged.loc[flagged["verdict"] == "regressed", "pair"].nunique(),
        "pairs_flagged": flagged["pair"].nunique(),
        "points_flagged": len(flagged),
        "points": len(triton),
    }


def failure_rate_bound(failures: int, trials: int, confidence: float = CONFIDENCE) -> float:
    """One-sided Clopper-Pearson upper bound on a rate seen ``failures`` times in ``trials``."""
    if failures >= trials:
        return 1.0
    lo, hi = failures / trials, 1.0
    for _ in range(60):  # bisection: P(X <= failures | p) falls as p grows
        p = (lo + hi) / 2
        cdf = sum(
            math.comb(trials, i) * p**i * (1 - p) ** (trials - i) for i in range(failures + 1)
        )
        lo, hi = (p, hi) if cdf > 1 - confidence else (lo, p)
    return hi


def gate_failures(rows: pd.DataFrame) -> pd.Series:
    """Per (kind, fraction, pair): whether the gate failed (a Triton point regressed)."""
    regressed = gated(rows)["verdict"] == "regressed"
    return regressed.groupby([rows["kind"], rows["fraction"], rows["pair"]]).any()


def power_by_point(rows: pd.DataFrame) -> pd.DataFrame:
    """Per gated point and slowdown: the measured effect (median delta % over the rounds), the
    rounds that flagged it as regressed, the rounds, and the point's median band."""
    slowed = gated(rows[rows["kind"] == "slowed"])
    grouped = slowed.groupby(["mode", "dtype", "N", "fraction"])
    points = pd.DataFrame(
        {
            "delta_pct": grouped["delta_pct"].median(),
            "caught": grouped["verdict"].apply(lambda v: int((v == "regressed").sum())),
            "rounds": grouped["pair"].nunique(),
            "band_pct": grouped["band_pct"].median(),
        }
    ).reset_index()
    return points.sort_values(["mode", "dtype", "N"], key=compare.sort_key, kind="stable")


def n_range(n: int) -> str:
    """The ``N_RANGES`` label of ``n`` (its own value outside them)."""
    for low, high in N_RANGES:
        if low <= n <= high:
            return f"{low}-{high}"
    return str(n)


def slowdown_text(frame: pd.DataFrame) -> pd.Series:
    """``-3.6 (N=16384, f=2%)`` for each row: its Δ %, N and slowdown fraction."""
    delta = frame["delta_pct"].map("{:+.1f}".format)
    fraction = frame["fraction"].map("{:.0%}".format)
    return delta + " (N=" + frame["N"].astype(str) + ", f=" + fraction + ")"


def catch_limits(points: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Per mode, dtype and N range: the smallest measured slowdown (median Δ over the rounds)
    caught in every round, and the largest single-round Δ missed, with the band that missed it
    (the detection limit lies in between)."""
    points = points.assign(n_range=points["N"].map(n_range), text=slowdown_text(points))
    slowed = gated(rows[rows["kind"] == "slowed"])
    misses = slowed[slowed["verdict"] != "regressed"]
    band = " band " + misses["band_pct"].map("{:.1f}".format) + " from " + misses["band_from"]
    misses = misses.assign(
        n_range=misses["N"].map(n_range), text=slowdown_text(misses).str[:-1] + ";" + band + ")"
    )
    out = []
    for (mode, dtype, label), group in points.groupby(["mode", "dtype", "n_range"], sort=False):
        caught = group[group["caught"] == group["rounds"]]
        missed = misses[
            (misses["mode"] == mode) & (misses["dtype"] == dtype) & (misses["n_range"] == label)
        ]
        out.append(
            {
                "mode": mode,
                "dtype": dtype,
                "N": label,
                "smallest measured slowdown caught reliably (both rounds), Δ %": (
                    caught.loc[caught["delta_pct"].idxmax(), "text"] if len(caught) else "none"
                ),
                "largest slowdown missed in a round, Δ %": (
                    missed.loc[missed["delta_pct"].idxmin(), "text"] if len(missed) else "none"
                ),
            }
        )
    return pd.DataFrame(out)


# ---- report ---------------------------------------------------------------------------------
def markdown(df: pd.DataFrame, floatfmt: str = ".2f") -> str:
    """A small DataFrame as a GitHub Markdown table."""
    cells = df.map(lambda v: format(v, floatfmt) if isinstance(v, float) else str(v))
    lines = ["| " + " | ".join(map(str, df.columns)) + " |", "|" + "---|" * len(df.columns)]
    lines += ["| " + " | ".join(row) + " |" for row in cells.itertuples(index=False)]
    return "\n".join(lines)


def describe_policy(policy: compare.NoisePolicy) -> str:
    """The band rule with ``policy``'s knobs."""
    return (
        f"band = max({policy.min_floor_pct:g} %, {policy.margin:g} × the point's calibrated "
        f"noise, {policy.k:g} × sample spread); uncalibrated points {policy.default_floor_pct:g} %"
    )


def header(runs, elapsed_s, identical_pairs, half) -> list[str]:
    """The report's first lines: machine, what was run, the policy and the calibration."""
    machine = runs[0][2].machine
    baselines = sum(fraction == 0 for _, fraction, _ in runs)
    took = f" in {elapsed_s:.0f} s" if elapsed_s else ""
    calibration, held_out = identical_pairs[:half], identical_pairs[half:]
    return [
        "# Regression gate proof",
        "",
        f"- GPU: {machine.get('gpu')}; driver {machine.get('driver')}, CUDA {machine.get('cuda')}; "
        f"torch {machine.get('torch')}; triton {machine.get('triton')}",
        f"- runs: {len(runs)} ({baselines} baseline){took}; {', '.join(DTYPES)} x "
        f"{', '.join(MODES)} x N = 256..32768 x {', '.join(PROVIDERS)}; {REPEATS} samples per "
        f"point and run, timer warm-up/rep {WARMUP_MS}/{REP_MS} ms",
        f"- policy (compare.POLICY): {describe_policy(compare.POLICY)}",
        f"- calibration: the first {len(calibration)} identical pairs (runs "
        f"{calibration[0][2]}..{calibration[-1][3]}) -> `{CALIBRATION_FILE}`, each point's "
        f"largest |Δ|; held out: the other {len(held_out)} pairs (runs "
        f"{held_out[0][2]}..{held_out[-1][3]}), no part in it",
        f"- install (DIR = this report's folder): `cp DIR/{CALIBRATION_FILE} "
        f"kernels/bench/noise/{install_name(machine.get('gpu', 'unknown'))}`",
    ]


def noise_section(stats: pd.DataFrame, policy: compare.NoisePolicy) -> list[str]:
    """Run-to-run noise of the gated provider per point, and the band it implies."""
    triton = gated(stats).assign(
        band_pct=lambda t: (policy.margin * t["calibration_max_pct"]).clip(
            lower=policy.min_floor_pct
        )
    )
    columns = ["mode", "N", "calibration_max_pct", "band_pct", "held_out_max_pct"]
    columns += ["all_max_pct", "all_median_pct", "median_sample_spread_pct"]
    return [
        "",
        "## Run-to-run noise of identical runs (Triton, |Δ GB/s| %; every provider in noise.csv)",
        "",
        "`calibration_max_pct` is the installed noise; `band_pct` the band it gives before the "
        "spread term.",
        "",
        markdown(triton[columns]),
    ]


def false_alarm_section(rows: pd.DataFrame, held_out: set[int]) -> list[str]:
    """False alarms on the held-out and on all identical pairs, the bound, the flagged points."""
    identical = rows[rows["kind"] == "identical"]
    held = false_alarms(identical[identical["pair"].isin(held_out)])
    counts = pd.DataFrame(
        [
            {"identical pairs": "held out", **held},
            {"identical pairs": "all (in-sample)", **false_alarms(identical)},
        ]
    )
    bound = failure_rate_bound(held["gate_failures"], held["pairs"])
    triton = gated(identical)
    flagged = triton[triton["verdict"] != "unchanged"].assign(
        held_out=lambda t: t["pair"].isin(held_out)
    )
    listing = ["No Triton point was flagged on any identical pair."]
    if len(flagged):
        columns = ["pair", "held_out", "base_run", "head_run", "mode", "N", "delta_pct"]
        listing = [
            "Flagged Triton points:",
            "",
            markdown(flagged[columns + ["band_pct", "verdict"]]),
        ]
    return [
        "",
        "## False alarms: identical runs compared like a pull request (per-point policy)",
        "",
        markdown(counts),
        "",
        f"Held out: {held['gate_failures']} of {held['pairs']} pairs failed the gate. So few "
        f"pairs only bound the false-alarm rate per comparison below {bound:.0%} "
        f"({CONFIDENCE:.0%} one-sided Clopper-Pearson).",
        "",
        *listing,
    ]


def power_section(rows: pd.DataFrame) -> list[str]:
    """Per point and slowdown the measured Δ and the rounds that caught it; the catch limits."""
    points = power_by_point(rows)
    caught = points["caught"].astype(str) + "/" + points["rounds"].astype(str)
    cells = points.assign(cell=points["delta_pct"].map("{:+.1f}".format) + " (" + caught + ")")
    wide = cells.pivot(index=["mode", "dtype", "N"], columns="fraction", values="cell")
    wide.columns = [f"f={fraction:.0%}: Δ % (caught)" for fraction in wide.columns]
    band = points.groupby(["mode", "dtype", "N"])["band_pct"].median().rename("median band ±%")
    wide = wide.join(band).reset_index()
    wide = wide.sort_values(["mode", "N"], key=compare.sort_key, kind="stable")
    failed = gate_failures(rows).loc["slowed"].groupby(level="fraction")
    per_fraction = ", ".join(f"f={f:.0%}: {int(g.sum())}/{len(g)}" for f, g in failed)
    return [
        "",
        "## Power: slowed kernel vs the baseline run before it (per-point policy)",
        "",
        f"Slowed runs failing the gate: {per_fraction}. Measured effect = median Δ over the "
        "rounds; (caught) = rounds that flagged the point as regressed.",
        "",
        markdown(wide, ".1f"),
        "",
        "### Smallest measured slowdown caught reliably (both rounds), per N range",
        "",
        "Where nothing was missed the detection limit lies below the smallest injected effect; "
        "the band is then the better guide. A band set by the spread term comes from the runs' "
        "own scattered samples.",
        "",
        markdown(catch_limits(points, rows)),
    ]


def ratio(flags: pd.Series) -> str:
    """``true/all`` of a boolean series."""
    return f"{int(flags.sum())}/{len(flags)}"


def policy_comparison(runs, pairs, noise: pd.DataFrame, held_out: set[int]) -> pd.DataFrame:
    """Per candidate policy: false alarms (held out, in-sample) and power on the same runs."""
    candidates = {
        f"per point, margin {margin:g}{' (POLICY)' if margin == compare.POLICY.margin else ''}": (
            replace(compare.POLICY, margin=margin),
            noise,
        )
        for margin in sorted({*MARGINS, compare.POLICY.margin})
    }
    candidates[f"uncalibrated: {compare.POLICY.default_floor_pct:g} % default"] = (
        compare.POLICY,
        compare.no_noise(),
    )
    out = []
    for name, (policy, table) in candidates.items():
        rows = verdict_rows(runs, pairs, policy, table)
        failed = gate_failures(rows)
        identical = failed.loc["identical"].droplevel("fraction")
        slowed = failed.loc["slowed"]
        held = identical[identical.index.isin(held_out)]
        largest = slowed.loc[max(SLOWDOWNS)] if max(SLOWDOWNS) in slowed.index else slowed[:0]
        triton = gated(rows[rows["kind"] == "slowed"])
        out.append(
            {
                "policy": name,
                "held-out pairs failing": ratio(held),
                "all identical pairs failing (in-sample)": ratio(identical),
                "slowed runs failing": ratio(slowed),
                f"f={max(SLOWDOWNS):.0%} runs failing": ratio(largest),
                "slowed Triton points flagged": ratio(triton["verdict"] == "regressed"),
            }
        )
    return pd.DataFrame(out)


def analyze(out: Path, elapsed_s: float | None = None) -> str:
    """The report from the runs under ``out``; writes calibrated-noise.csv, noise.csv,
    pairs.csv and report.md there.

    The noise table is calibrated on the first half of the identical pairs; the false alarms
    are also counted on the other half alone ("held out"), which played no part in it.
    """
    runs = load_runs(out)
    gpu = runs[0][2].machine.get("gpu")
    if gpu is None:
        raise SystemExit(f"{out / 'runs'}: the runs name no GPU (machine.json)")
    pairs = comparisons(runs)
    identical_pairs = [pair for pair in pairs if pair[0] == "identical"]
    if len(identical_pairs) < 2:
        raise SystemExit(f"only {len(identical_pairs)} identical pairs under {out}: too few")
    half = len(identical_pairs) // 2
    held_out = set(range(half, len(identical_pairs)))
    calibration_rows = verdict_rows(runs, pairs[:half], compare.POLICY, compare.no_noise())
    source = calibration_source(runs, pairs[:half])
    calibrate(calibration_rows, gpu, source).to_csv(out / CALIBRATION_FILE, index=False)
    noise = compare.read_noise_csv(out / CALIBRATION_FILE)
    rows = verdict_rows(runs, pairs, compare.POLICY, noise)
    rows.to_csv(out / "pairs.csv", index=False)
    stats = noise_stats(rows[rows["kind"] == "identical"], held_out)
    stats.to_csv(out / "noise.csv", index=False)
    lines = header(runs, elapsed_s, identical_pairs, half)
    lines += noise_section(stats, compare.POLICY)
    lines += false_alarm_section(rows, held_out)
    if (rows["kind"] == "slowed").any():
        lines += power_section(rows)
    lines += ["", "## Other policies on the same runs", ""]
    lines += [
        "A held-out count is a blind test only for a policy fixed before it was seen; every "
        "margin is shown on the same pairs.",
        "",
    ]
    lines += [markdown(policy_comparison(runs, pairs, noise, held_out))]
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
