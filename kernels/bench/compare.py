"""The regression verdict: compare two stored result sets point by point.

``python -m kernels.bench.compare BASE HEAD`` (or ``nox -s compare -- BASE HEAD``) where BASE and
HEAD are each a harness ``results.csv`` (or the folder holding it), an asv results JSON, or a
commit (any git revision) whose asv results are stored under ``.asv/results/<machine>/``.

For every (mode, dtype, N, provider) the table shows the base and head medians, the change, the
noise band (and which term set it) and a verdict: ``improved``, ``regressed``, ``unchanged`` or
``missing``. The verdict is direction-aware (GB/s down is worse, ms up is worse). A change counts
only beyond the point's noise band::

    band % = max(min_floor_pct, margin * noise % of the point, k * max(spread % of base, head))

where noise is the point's run-to-run noise on this GPU: the largest change between identical
reruns, measured per (mode, N, provider) by ``kernels.bench.gate_proof`` and installed as a CSV
under ``kernels/bench/noise/`` (any dtype uses its (mode, N) entry). A point without a calibrated
entry (another GPU, mode or N) uses ``default_floor_pct`` in place of ``margin * noise``. A
spread is the robust relative standard deviation (1.4826 * MAD / median) of a point's samples
(the harness's repeats, or asv's ``--record-samples`` samples). The knobs are ``NoisePolicy``.

Exit status: 0 when no Triton point regressed, 1 when one did (the other providers are
informational), 2 when the inputs cannot be compared (unreadable results, different machines).
Result files are only read: the Markdown goes to stdout (and is appended to ``--summary FILE``,
e.g. ``$GITHUB_STEP_SUMMARY``), messages to stderr.
"""

from __future__ import annotations

import argparse
import ast
import itertools
import json
import math
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

NOISE_DIR = Path(__file__).with_name("noise")
"""Installed noise tables: one CSV per GPU, each ``gate_proof``'s calibrated-noise.csv."""


@dataclass(frozen=True)
class NoisePolicy:
    """The one place where the regression threshold is set (see the module docstring)."""

    min_floor_pct: float = 1.0
    """Smallest band, in %, however quiet the calibration was (timer resolution, small drifts)."""
    margin: float = 2.0
    """Band in multiples of a point's calibrated noise, the largest |change| of n identical pairs.
    A new pair exceeds that maximum with probability 1/(n+1) whatever the distribution, so the
    band needs headroom: with n = 8, a new pair falls below -2x the maximum with 0.4-1.3 %
    probability per point for normal to t(3) tails, below -1.5x with 1.4-2.5 % (1.5 failed one
    of the H100 proof's 9 held-out pairs: docs/ci.md)."""
    k: float = 3.0
    """Band in multiples of the larger robust relative spread of the two sides' samples."""
    default_floor_pct: float = 10.0
    """Band of a point without calibrated noise: above the largest Triton change of identical
    runs on the H100 (8.2 %, backward N=256), so an uncalibrated GPU errs against false alarms."""
    noise_dir: Path = NOISE_DIR
    """Where the calibrated noise tables are read from."""


POLICY = NoisePolicy()
GATED_PROVIDER = "triton"
"""Only this provider's regressions fail the gate."""
KEYS = ["mode", "dtype", "N", "provider"]
ORDER = {
    "mode": ("forward", "backward", "forward_backward"),
    "dtype": ("float32", "float16", "bfloat16"),
    "provider": ("triton", "torch", "torch_compile", "copy"),
}
"""Table order of the named keys (the harness's); N sorts numerically, unknown names last."""
METRICS = {"gbps": ("GB/s", True), "ms": ("ms", False)}
"""metric -> (unit, higher is better)."""
ASV_BENCHMARKS = {"gbps": "LayerNorm.track_gbps", "ms": "LayerNorm.track_ms"}
"""metric -> asv benchmark name (its suffix; asv prefixes the module, asv_bench/layer_norm.py)."""
IDENTITY_KEYS = ("gpu",)
"""Machine fields that must be equal on both sides."""
INFO_KEYS = ("driver", "cuda", "torch", "triton")
"""Machine fields whose differences are reported but allowed."""
HARNESS_COLUMNS = {"mode", "dtype", "M", "N", "provider", "gbps", "ms", "status"}
MACHINE_FILE = "machine.json"
"""The harness's machine_info(), beside its results.csv."""
DEFAULT_RESULTS_DIR = Path(".asv/results")
MAD_TO_SIGMA = 1.4826
VERDICTS = ("regressed", "improved", "unchanged", "missing")
NOISE_POINT = ["mode", "N", "provider"]
NOISE_COLUMNS = ["gpu", *NOISE_POINT, "max_abs_delta_pct", "pairs", "source"]
"""Columns of a noise table CSV: a point's largest |delta %| over ``pairs`` identical pairs."""
BAND_TERMS = ("noise", "default", "spread", "floor")
"""What can set a band: margin x calibrated noise, the default floor (uncalibrated point),
k x sample spread, the minimum floor (first listed wins a tie)."""


class ResultsError(Exception):
    """A result set cannot be read, found or compared; the message says which and why."""


@dataclass(frozen=True)
class ResultSet:
    """Samples of one side: one row per (mode, dtype, N, provider, metric, sample)."""

    samples: pd.DataFrame
    machine: dict = field(default_factory=dict)
    source: str = ""


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------
def read_json(path: Path) -> dict:
    """A JSON object from ``path``, or ``ResultsError`` saying why not."""
    try:
        data = json.loads(path.read_text())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ResultsError(f"{path}: cannot read JSON ({err})") from err
    if not isinstance(data, dict):
        raise ResultsError(f"{path}: expected a JSON object, got {type(data).__name__}")
    return data


def load_harness_csv(path: Path) -> ResultSet:
    """A harness ``results.csv``: its ``status == "ok"`` rows at the sweep's M (the largest; an
    ``--extended`` sweep's few-row latency shapes are left out); the ``rep`` rows are samples."""
    try:
        df = pd.read_csv(path)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise ResultsError(f"{path}: cannot read CSV ({err})") from err
    missing = HARNESS_COLUMNS - set(df.columns)
    if missing:
        raise ResultsError(f"{path}: not a harness results.csv, missing columns {sorted(missing)}")
    ok = df[(df["status"] == "ok") & (df["M"] == df["M"].max())]
    samples = ok.melt(id_vars=KEYS, value_vars=list(METRICS), var_name="metric")
    if not pd.api.types.is_numeric_dtype(samples["value"]) or not pd.api.types.is_integer_dtype(
        samples["N"]
    ):
        raise ResultsError(f"{path}: non-numeric N, gbps or ms values")
    machine_path = path.parent / MACHINE_FILE
    machine = read_json(machine_path) if machine_path.exists() else {}
    return ResultSet(samples, machine, str(path))


def _asv_rows(metric: str, entry: dict) -> list[dict]:
    """Sample rows of one asv benchmark entry (its columns already zipped into a dict)."""
    rows = []
    values = entry.get("result") or []
    samples = entry.get("samples") or [None] * len(values)
    combos = list(itertools.product(*entry["params"]))
    if len(combos) != len(values):
        raise ValueError(f"{len(values)} results for {len(combos)} parameter combinations")
    for combo, value, point_samples in zip(combos, values, samples, strict=True):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue  # skipped (n/a) or failed
        point = dict(zip(KEYS, map(ast.literal_eval, combo), strict=True))
        for x in point_samples or [value]:
            rows.append({**point, "metric": metric, "value": float(x)})
    return rows


def load_asv_json(path: Path) -> ResultSet:
    """One asv results file (``.asv/results/<machine>/<hash>-<env>.json``)."""
    data = read_json(path)
    try:
        if data["version"] != 2:
            raise ResultsError(f"{path}: asv results format {data['version']}, expected 2")
        columns, results, machine = data["result_columns"], data["results"], data["params"]
        rows = []
        for name, row in results.items():
            for metric, suffix in ASV_BENCHMARKS.items():
                if name.endswith(suffix):
                    rows += _asv_rows(
                        metric, dict(zip(columns, row, strict=False))
                    )  # trailing Nones dropped
    except ResultsError:
        raise
    except (KeyError, TypeError, ValueError, SyntaxError) as err:
        detail = f"{type(err).__name__}: {err}"
        raise ResultsError(f"{path}: not a valid asv results file ({detail})") from err
    if not rows:
        raise ResultsError(f"{path}: no {' or '.join(ASV_BENCHMARKS.values())} results in it")
    samples = pd.DataFrame(rows, columns=KEYS + ["metric", "value"])
    return ResultSet(samples, dict(machine, commit=data.get("commit_hash")), str(path))


def load_file(path: Path) -> ResultSet:
    """A result set from a harness CSV (or its folder) or an asv results JSON."""
    if path.is_dir():
        path = path / "results.csv"
    if path.suffix == ".csv":
        return load_harness_csv(path)
    if path.suffix == ".json":
        return load_asv_json(path)
    raise ResultsError(f"{path}: expected a harness results.csv or an asv results .json")


def resolve_commit(spec: str) -> str:
    """The full hash of git revision ``spec``, or ``ResultsError``."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError) as err:
        raise ResultsError(f"{spec!r} is neither a results file nor a git commit") from err
    return out.stdout.strip()


def stored_results(commit: str, results_dir: Path) -> dict[str, Path]:
    """machine -> the newest asv results file of ``commit`` under ``results_dir``."""
    found: dict[str, tuple[int, Path]] = {}
    for path in sorted(results_dir.glob(f"*/{commit[:8]}-*.json")):
        data = read_json(path)
        if data.get("commit_hash") == commit:
            date = data.get("date") or 0
            if path.parent.name not in found or date > found[path.parent.name][0]:
                found[path.parent.name] = (date, path)
    return {machine: path for machine, (_, path) in found.items()}


def locate(specs: list[str], results_dir: Path, machine: str | None) -> list[Path]:
    """Each spec as a path: files as given, commits as their stored asv results on one machine.

    Commits are looked up on ``machine``, or on the one machine that has results for all of
    them; ``ResultsError`` when there is none, or several and no ``machine`` was given.
    """
    commits = {s: resolve_commit(s) for s in specs if not Path(s).exists()}
    stored = {s: stored_results(c, results_dir) for s, c in commits.items()}
    if stored:
        common = set.intersection(*(set(found) for found in stored.values()))
        if machine is not None:
            common &= {machine}
        if len(common) != 1:
            listing = "; ".join(f"{s} ({commits[s][:8]}): {sorted(f)}" for s, f in stored.items())
            want = f"machine {machine!r}" if machine else "exactly one machine"
            raise ResultsError(
                f"stored asv results under {results_dir} must come from {want} for every commit, "
                f"found: {listing}. Benchmark the missing commits (docs/ci.md, back-fill) "
                "or pick one with --machine."
            )
        (machine,) = common
    return [stored[s][machine] if s in stored else Path(s) for s in specs]


# --------------------------------------------------------------------------------------------
# Calibrated noise
# --------------------------------------------------------------------------------------------
def no_noise() -> pd.DataFrame:
    """An empty noise table: every point uncalibrated."""
    return pd.DataFrame(columns=[*NOISE_COLUMNS, "file"])


def read_noise_csv(path: Path) -> pd.DataFrame:
    """One noise table (``NOISE_COLUMNS`` plus ``file``), or ``ResultsError`` saying why not."""
    try:
        table = pd.read_csv(path)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise ResultsError(f"{path}: cannot read noise table ({err})") from err
    missing = set(NOISE_COLUMNS) - set(table.columns)
    if missing:
        raise ResultsError(f"{path}: not a noise table, missing columns {sorted(missing)}")
    noise = table["max_abs_delta_pct"]
    if not (
        pd.api.types.is_integer_dtype(table["N"])
        and pd.api.types.is_numeric_dtype(noise)
        and (noise >= 0).all()
    ):
        raise ResultsError(f"{path}: N must be integers and max_abs_delta_pct numbers >= 0")
    return table[NOISE_COLUMNS].assign(file=str(path))


def load_noise(directory: Path) -> pd.DataFrame:
    """Every noise table under ``directory`` (``*.csv``) as one; ``ResultsError`` when a point
    of a GPU is calibrated twice. A missing directory is an empty table."""
    frames = [read_noise_csv(path) for path in sorted(directory.glob("*.csv"))]
    if not frames:
        return no_noise()
    noise = pd.concat(frames, ignore_index=True)
    twice = noise.duplicated(["gpu", *NOISE_POINT], keep=False)
    if twice.any():
        files = sorted(set(noise.loc[twice, "file"]))
        raise ResultsError(f"noise tables {files} calibrate the same (gpu, mode, N, provider)")
    return noise


def point_noise(points: pd.DataFrame, noise: pd.DataFrame, gpu: str | None) -> np.ndarray:
    """Each point's calibrated noise % on ``gpu`` (NaN where the table has none)."""
    on_gpu = noise.loc[noise["gpu"] == gpu, [*NOISE_POINT, "max_abs_delta_pct"]]
    on_gpu = on_gpu.astype({"N": "int64", "max_abs_delta_pct": "float64"})
    merged = points[NOISE_POINT].merge(on_gpu, how="left", on=NOISE_POINT)
    return merged["max_abs_delta_pct"].to_numpy(dtype=float)


def bands(noise_pct: pd.Series, spread_pct: pd.Series, policy: NoisePolicy):
    """Each point's band % and the ``BAND_TERMS`` term that set it."""
    calibrated = noise_pct.notna()
    terms = pd.DataFrame(
        {
            "noise": policy.margin * noise_pct,
            "default": policy.default_floor_pct,
            "spread": policy.k * spread_pct,
            "floor": policy.min_floor_pct,
        },
        columns=list(BAND_TERMS),
    )
    terms["default"] = terms["default"].where(~calibrated)
    return terms.max(axis=1), terms.idxmax(axis=1)


# --------------------------------------------------------------------------------------------
# Verdict
# --------------------------------------------------------------------------------------------
def robust_spread_pct(values: pd.Series) -> float:
    """1.4826 * MAD / median, in % of the median (0 for a single sample)."""
    median = values.median()
    return 100 * MAD_TO_SIGMA * (values - median).abs().median() / median


def point_stats(result: ResultSet, metric: str) -> pd.DataFrame:
    """Per point of one side: median, spread (%) and sample count of ``metric``."""
    values = result.samples.loc[result.samples["metric"] == metric]
    grouped = values.groupby(KEYS)["value"]
    return pd.DataFrame(
        {
            "median": grouped.median(),
            "spread": grouped.apply(robust_spread_pct),
            "n": grouped.size(),
        }
    )


def compare(
    base: ResultSet,
    head: ResultSet,
    metric: str = "gbps",
    policy: NoisePolicy = POLICY,
    noise: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per point of either side: base, head, delta %, noise %, band %, the term that set
    the band, pct_copy and verdict. ``noise``: the noise tables (default: those installed under
    ``policy.noise_dir``), looked up for the head's GPU."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; expected one of {sorted(METRICS)}")
    if noise is None:
        noise = load_noise(policy.noise_dir)
    _, higher_is_better = METRICS[metric]
    table = point_stats(base, metric).merge(
        point_stats(head, metric), how="outer", left_index=True, right_index=True,
        suffixes=("_base", "_head"),
    )  # fmt: skip
    table = table.rename(columns={"median_base": "base", "median_head": "head"}).reset_index()
    table["delta_pct"] = 100 * (table["head"] / table["base"] - 1)
    table["noise_pct"] = point_noise(table, noise, machine_gpu(base, head))
    spread = table[["spread_base", "spread_head"]].max(axis=1).fillna(0)
    table["band_pct"], table["band_from"] = bands(table["noise_pct"], spread, policy)
    gain = table["delta_pct"] if higher_is_better else -table["delta_pct"]
    table["verdict"] = np.select(
        [table["delta_pct"].isna(), gain < -table["band_pct"], gain > table["band_pct"]],
        ["missing", "regressed", "improved"],
        "unchanged",
    )
    table["pct_copy"] = pct_of_copy(table) if metric == "gbps" else np.nan
    return table.sort_values(KEYS, key=sort_key).reset_index(drop=True)


def machine_gpu(base: ResultSet, head: ResultSet) -> str | None:
    """The GPU whose noise applies: the head's (the base's where the head does not say)."""
    return head.machine.get("gpu") or base.machine.get("gpu")


def pct_of_copy(table: pd.DataFrame) -> pd.Series:
    """Head GB/s as % of the head copy GB/s at the same (mode, dtype, N)."""
    point = ["mode", "dtype", "N"]
    copy = table.loc[table["provider"] == "copy", point + ["head"]]
    merged = table[point].merge(copy, on=point, how="left")
    return 100 * table["head"] / merged["head"].to_numpy()


def rank(key: str, value) -> int:
    """Position of ``value`` in ``ORDER[key]`` (unknown values last)."""
    order = ORDER[key]
    return order.index(value) if value in order else len(order)


def sort_key(column: pd.Series) -> pd.Series:
    """``sort_values`` key: ``ORDER`` for the named keys, natural order otherwise."""
    return column.map(lambda v: rank(column.name, v)) if column.name in ORDER else column


def gate_failed(table: pd.DataFrame) -> bool:
    """True when the gated provider regressed at any point."""
    return bool(((table["provider"] == GATED_PROVIDER) & (table["verdict"] == "regressed")).any())


# --------------------------------------------------------------------------------------------
# Machines
# --------------------------------------------------------------------------------------------
def machine_differences(base: dict, head: dict, keys) -> list[str]:
    """``key: base value != head value`` for every key of ``keys`` that differs or is unknown."""
    return [
        f"{key}: {base.get(key)!r} (base) != {head.get(key)!r} (head)"
        for key in keys
        if base.get(key) is None or base.get(key) != head.get(key)
    ]


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------
def fmt(value: float, spec: str) -> str:
    """``value`` formatted, or an empty cell for NaN."""
    return "" if pd.isna(value) else format(value, spec)


def markdown_table(table: pd.DataFrame, metric: str) -> str:
    """The verdict table in GitHub Markdown."""
    unit, _ = METRICS[metric]
    header = ["mode", "dtype", "N", "provider", f"base {unit}", f"head {unit}", "Δ %"]
    header += ["noise band ±%", "band from", "% of copy", "verdict"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * 4 + "---:|" * 4 + "---|---:|---|"]
    for row in table.itertuples():
        verdict = f"**{row.verdict}**" if row.verdict == "regressed" else row.verdict
        cells = [row.mode, row.dtype, str(row.N), row.provider, fmt(row.base, ".4g")]
        cells += [fmt(row.head, ".4g"), fmt(row.delta_pct, "+.1f"), fmt(row.band_pct, ".1f")]
        cells += [row.band_from, fmt(row.pct_copy, ".0f"), verdict]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def display_path(path: str) -> str:
    """``path`` relative to the working directory where it lies below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


def noise_source(noise: pd.DataFrame, gpu: str | None, policy: NoisePolicy) -> str:
    """Which calibration the bands come from (or that there is none for this GPU)."""
    on_gpu = noise[noise["gpu"] == gpu]
    default = f"the default {policy.default_floor_pct:g} % band"
    if on_gpu.empty:
        where = display_path(str(policy.noise_dir))
        return (
            f"- noise: **no calibrated noise for {gpu!r}** under `{where}`: every point has "
            f"{default} (calibrate it: docs/ci.md, the regression gate)"
        )
    files = ", ".join(f"`{display_path(f)}`" for f in sorted(set(on_gpu["file"])))
    sources = "; ".join(sorted(set(on_gpu["source"])))
    return f"- noise: calibrated for {gpu} in {files} ({sources}); points it lacks have {default}"


def summary(table: pd.DataFrame, policy: NoisePolicy, noise_line: str) -> str:
    """One line per provider with its verdict counts, the threshold rule and the noise source."""
    counts = table.groupby("provider")["verdict"].value_counts().unstack(fill_value=0)
    lines = []
    for provider in sorted(counts.index, key=lambda p: rank("provider", p)):
        parts = ", ".join(f"{counts.loc[provider].get(v, 0)} {v}" for v in VERDICTS)
        role = "gated" if provider == GATED_PROVIDER else "informational"
        lines.append(f"- `{provider}` ({role}): {parts}")
    lines.append(
        f"- threshold per point: max({policy.min_floor_pct:g} % floor, {policy.margin:g} × the "
        f"point's calibrated run-to-run noise (uncalibrated: {policy.default_floor_pct:g} %), "
        f"{policy.k:g} × the larger robust spread of its base and head samples)"
    )
    lines.append(noise_line)
    return "\n".join(lines)


def report(
    base: ResultSet,
    head: ResultSet,
    table: pd.DataFrame,
    metric: str,
    notes,
    policy: NoisePolicy,
    noise: pd.DataFrame,
) -> str:
    """The whole Markdown report: title, verdict, notes, per-provider counts and the table."""
    verdict = "❌ Triton regressed" if gate_failed(table) else "✅ no Triton regression"
    lines = [f"## LayerNorm benchmark verdict: {verdict}", ""]
    lines += [f"- base: `{base.source}`", f"- head: `{head.source}`"]
    lines += [f"- GPU: {head.machine.get('gpu', 'unknown')}"]
    lines += [f"- note: {note}" for note in notes]
    noise_line = noise_source(noise, machine_gpu(base, head), policy)
    lines += [summary(table, policy, noise_line), "", markdown_table(table, metric), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """CLI entry point; returns the exit status (0 pass, 1 Triton regressed, 2 cannot compare)."""
    parser = argparse.ArgumentParser(
        prog="python -m kernels.bench.compare", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("base", help="results.csv (or its folder), asv results .json, or commit")
    parser.add_argument("head", help="same kinds as base")
    parser.add_argument("--metric", choices=sorted(METRICS), default="gbps")
    parser.add_argument("--results-dir", type=Path, default=DEFAULT_RESULTS_DIR)
    parser.add_argument("--machine", help="asv machine whose results commits resolve to")
    parser.add_argument(
        "--allow-machine-mismatch",
        action="store_true",
        help="compare even when the GPUs differ (the verdict is then meaningless)",
    )
    parser.add_argument("--summary", type=Path, help="also append the Markdown report to this file")
    args = parser.parse_args(argv)
    try:
        paths = locate([args.base, args.head], args.results_dir, args.machine)
        base, head = (load_file(p) for p in paths)
        noise = load_noise(POLICY.noise_dir)
    except ResultsError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    mismatch = machine_differences(base.machine, head.machine, IDENTITY_KEYS)
    if mismatch:
        banner = "MACHINE MISMATCH: " + "; ".join(mismatch)
        print(f"{'!' * 80}\n{banner}\n{'!' * 80}", file=sys.stderr)
        if not args.allow_machine_mismatch:
            print("refusing to compare (--allow-machine-mismatch overrides)", file=sys.stderr)
            return 2
    notes = [f"**{m}**" for m in mismatch] + machine_differences(
        base.machine, head.machine, [k for k in INFO_KEYS if k in base.machine]
    )
    table = compare(base, head, args.metric, POLICY, noise)
    markdown = report(base, head, table, args.metric, notes, POLICY, noise)
    print(markdown)
    if args.summary:
        with args.summary.open("a") as f:
            f.write(markdown + "\n")
    return 1 if gate_failed(table) else 0


if __name__ == "__main__":
    sys.exit(main())
