"""Reports of a harness DataFrame: terminal table, results.csv, summary.md and GB/s plots.

Every function takes the tidy DataFrame of ``harness.run()``; repeats are reduced to their
median here (``summarize``), never in the harness.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from .harness import DTYPES, KEYS, MODES

NOT_GPU_BANNER = "SMOKE RUN on {device} (Triton interpreter): NOT a GPU measurement"
LEGEND = "cell: GB/s (% of copy's GB/s) speedup vs torch eager; bytes from harness.bytes_moved"


def is_gpu_run(df: pd.DataFrame) -> bool:
    """True when the DataFrame was measured on a CUDA device."""
    return str(df.attrs.get("device", "")).startswith("cuda")


def banner(df: pd.DataFrame) -> str | None:
    """The NOT-a-GPU-measurement warning for non-CUDA runs, else None."""
    return None if is_gpu_run(df) else NOT_GPU_BANNER.format(device=df.attrs.get("device", "?"))


def _status_of(statuses: pd.Series) -> str:
    """'ok' if every repeat was ok, else the first other status."""
    bad = [s for s in statuses if s != "ok"]
    return bad[0] if bad else "ok"


def summarize(df: pd.DataFrame) -> pd.DataFrame:
    """One row per (mode, dtype, M, N, provider): medians over repeats and a combined status."""
    numeric = ["ms", "gbps", "pct_copy", "speedup_vs_torch"]
    grouped = df.groupby(KEYS + ["provider"], sort=False)
    out = grouped[numeric].median()
    out["status"] = grouped["status"].agg(_status_of)
    out["repeats"] = grouped.size()
    return out.reset_index()


def _cell(row: pd.Series) -> str:
    """'GB/s (pct%) speedup x' for one provider at one point, or its short failure status."""
    if row["status"] != "ok":
        return row["status"].split(":")[0].upper()
    gbps = row["gbps"]
    text = f"{gbps:.0f}" if gbps >= 100 else f"{gbps:.3g}"
    if not math.isnan(row["pct_copy"]):
        text += f" ({row['pct_copy']:.0f}%)"
    if row["provider"] not in ("copy", "torch") and not math.isnan(row["speedup_vs_torch"]):
        text += f" {row['speedup_vs_torch']:.2f}x"
    return text


def wide_table(df: pd.DataFrame) -> pd.DataFrame:
    """Points as rows, providers as columns, ``_cell`` strings as values."""
    summary = summarize(df)
    summary["cell"] = summary.apply(_cell, axis=1)
    providers = list(dict.fromkeys(summary["provider"]))
    table = summary.pivot(index=KEYS, columns="provider", values="cell")[providers]
    rank = {"mode": MODES, "dtype": DTYPES}
    table = table.sort_index(
        key=lambda level: level.map(rank[level.name].index) if level.name in rank else level
    )
    table.columns.name = None
    return table.fillna("")


def failures(df: pd.DataFrame) -> pd.DataFrame:
    """Rows whose status is not ok (wrong, error, skipped)."""
    return df.loc[df["status"] != "ok", KEYS + ["provider", "rep", "status"]]


def format_table(df: pd.DataFrame) -> str:
    """The terminal table: banner, legend, one row per point, then any failures."""
    lines = [b for b in (banner(df),) if b] + [LEGEND, wide_table(df).to_string()]
    bad = failures(df)
    if len(bad):
        lines += ["", "Not measured:", bad.to_string(index=False)]
    return "\n".join(lines)


def _markdown_table(table: pd.DataFrame) -> str:
    """A GitHub-flavoured Markdown table (index as leading columns), no extra dependency."""
    table = table.reset_index()
    header = "| " + " | ".join(map(str, table.columns)) + " |"
    rule = "|" + "|".join("---" for _ in table.columns) + "|"
    body = ["| " + " | ".join(map(str, row)) + " |" for row in table.itertuples(index=False)]
    return "\n".join([header, rule, *body])


def to_markdown(df: pd.DataFrame) -> str:
    """summary.md: machine info, one table per mode, failures; fit for $GITHUB_STEP_SUMMARY."""
    out = ["# LayerNorm benchmark", ""]
    if banner(df):
        out += [f"> **{banner(df)}**", ""]
    machine = df.attrs.get("machine", {})
    elapsed = df.attrs.get("elapsed_s")
    facts = {**machine, **({"elapsed_s": f"{elapsed:.0f}"} if elapsed is not None else {})}
    out += ["| machine | |", "|---|---|", *(f"| {k} | {v} |" for k, v in facts.items()), ""]
    out += [LEGEND, ""]
    table = wide_table(df)
    for mode in table.index.get_level_values("mode").unique():
        out += [f"## {mode}", "", _markdown_table(table.xs(mode, level="mode")), ""]
    bad = failures(df)
    if len(bad):
        out += ["## Not measured", "", _markdown_table(bad.set_index(KEYS)), ""]
    return "\n".join(out)


def _main_m(summary: pd.DataFrame) -> int:
    """The M with the most distinct N (the sweep's, not the latency shapes')."""
    return int(summary.groupby("M")["N"].nunique().idxmax())


def plot_gbps(df: pd.DataFrame, out_dir: Path) -> list[Path]:
    """One PNG per (mode, dtype): GB/s vs N (log2 axis) per provider, copy drawn as the ceiling.

    Only the rows at the sweep's M (``_main_m``) are drawn; the latency shapes are in the tables.
    A shaded band spans min..max over repeats when there are several.
    """
    from matplotlib.figure import Figure  # Agg canvas, no pyplot state or GUI backend

    out_dir = Path(out_dir)
    ok = df[df["status"] == "ok"]
    if ok.empty:
        return []
    m = _main_m(ok)
    paths = []
    for (mode, dtype), group in ok[ok["M"] == m].groupby(["mode", "dtype"], sort=False):
        fig = Figure(figsize=(7, 4.5), layout="constrained")
        ax = fig.subplots()
        for provider, rows in group.groupby("provider", sort=False):
            per_n = rows.groupby("N")["gbps"]
            median = per_n.median()
            style = {"color": "black", "linestyle": "--"} if provider == "copy" else {}
            label = "copy (bandwidth ceiling)" if provider == "copy" else provider
            ax.plot(median.index, median.values, marker="o", label=label, **style)
            if rows["rep"].nunique() > 1:
                ax.fill_between(median.index, per_n.min(), per_n.max(), alpha=0.2, **style)
        ax.set_xscale("log", base=2)
        ns = sorted(group["N"].unique())
        ax.set_xticks(ns, labels=[str(n) for n in ns])
        ax.set_xlabel("N (normalized size)")
        ax.set_ylabel("GB/s (bytes_moved / median time)")
        title = f"LayerNorm {mode}, {dtype}, M={m}"
        ax.set_title(title if is_gpu_run(df) else f"{title}\n{banner(df)}", fontsize=9)
        ax.set_ylim(bottom=0)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
        path = out_dir / f"gbps_{mode}_{dtype}.png"
        fig.savefig(path, dpi=110)
        paths.append(path)
    return paths


def write_report(df: pd.DataFrame, out_dir: Path, *, plots: bool = True) -> list[Path]:
    """Write results.csv (every row), machine.json (``df.attrs["machine"]``, which
    ``kernels.bench.compare`` reads beside the CSV), summary.md and, if ``plots``, the PNGs.
    Returns the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    csv, machine, md = (out_dir / name for name in ("results.csv", "machine.json", "summary.md"))
    df.to_csv(csv, index=False)
    machine.write_text(json.dumps(df.attrs.get("machine", {}), indent=2) + "\n")
    md.write_text(to_markdown(df) + "\n")
    return [csv, machine, md, *(plot_gbps(df, out_dir) if plots else [])]
