"""The regression verdict (kernels/bench/compare.py) on synthetic and saved GPU results (CPU)."""

import itertools
import json
import os
import subprocess
import sys
import tarfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from kernels.bench import compare
from kernels.bench.compare import POLICY, ResultsError, ResultSet

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
GPU = "NVIDIA H100 80GB HBM3"
NS = (256, 4096, 32768)
BASE_GBPS = {"triton": 2000.0, "torch": 1500.0, "copy": 2500.0}
NOISE = (1.0, 0.995, 1.005)  # three repeats per point: +-0.5 %, well inside the band
QUIET = (1.0, 0.999, 1.001)  # +-0.1 %: the spread term stays below the minimum floor
INSTALLED = compare.NOISE_DIR / "nvidia-h100-80gb-hbm3.csv"
"""The H100's noise table, from the runs in tests/data/gate-proof."""
CALIBRATED = {256: 4.0, 4096: 0.8}
"""Synthetic run-to-run noise (%) of forward triton and copy on GPU; N=32768 is uncalibrated."""
SYNTHETIC_POLICY = replace(POLICY, min_floor_pct=1.0, margin=2.0, k=3.0, default_floor_pct=10.0)
"""The synthetic cases' knobs, fixed here so that tuning compare.POLICY does not break them."""


def harness_frame(gbps=None, noise=NOISE) -> pd.DataFrame:
    """A harness results.csv frame: forward float16, ``NS`` x providers, one row per repeat.

    ``gbps`` maps (provider, N) to that point's GB/s (default ``BASE_GBPS``).
    """
    rows = []
    for n in NS:
        for provider, default in BASE_GBPS.items():
            value = (gbps or {}).get((provider, n), default)
            for rep, factor in enumerate(noise):
                g = value * factor
                rows.append(
                    dict(mode="forward", dtype="float16", M=4096, N=n, provider=provider,
                         rep=rep, gbps=g, ms=1e3 / g, status="ok")
                )  # fmt: skip
    return pd.DataFrame(rows)


def write_run(tmp_path, name, frame, gpu=GPU):
    """A harness output folder: results.csv and machine.json; returns the folder."""
    folder = tmp_path / name
    folder.mkdir()
    frame.to_csv(folder / "results.csv", index=False)
    (folder / "machine.json").write_text(json.dumps({"gpu": gpu, "torch": "2.11.0"}))
    return folder


def verdicts(table, provider="triton"):
    """N -> verdict for one provider."""
    rows = table[table["provider"] == provider]
    return dict(zip(rows["N"], rows["verdict"], strict=True))


def result_set(frame, gpu=GPU) -> ResultSet:
    samples = frame.melt(id_vars=compare.KEYS, value_vars=["gbps", "ms"], var_name="metric")
    return ResultSet(samples, {"gpu": gpu})


def noise_table(gpu=GPU, noise=None) -> pd.DataFrame:
    """A calibrated noise table like the installed ones: ``noise`` maps N to % (CALIBRATED)."""
    rows = [
        dict(gpu=gpu, mode="forward", N=n, provider=provider, max_abs_delta_pct=pct, pairs=8,
             source="synthetic", file="synthetic.csv")
        for n, pct in (noise or CALIBRATED).items()
        for provider in ("triton", "copy")
    ]  # fmt: skip
    return pd.DataFrame(rows)


def verdict_table(base, head, metric="gbps", noise=None) -> pd.DataFrame:
    """``compare.compare`` of two result sets with the synthetic noise table and policy."""
    table = noise_table() if noise is None else noise
    return compare.compare(base, head, metric, SYNTHETIC_POLICY, table)


def test_identical_runs_are_unchanged():
    table = verdict_table(result_set(harness_frame()), result_set(harness_frame()))
    assert set(table["verdict"]) == {"unchanged"}
    assert not compare.gate_failed(table)
    assert (table["band_pct"] >= SYNTHETIC_POLICY.min_floor_pct).all()


def test_regression_beyond_band_fails_gate_for_triton_only():
    slow = harness_frame({("triton", 4096): 2000.0 * 0.90, ("torch", 256): 1500.0 * 0.5})
    table = verdict_table(result_set(harness_frame()), result_set(slow))
    assert verdicts(table) == {256: "unchanged", 4096: "regressed", 32768: "unchanged"}
    assert verdicts(table, "torch")[256] == "regressed"
    assert compare.gate_failed(table)
    row = table[(table["provider"] == "triton") & (table["N"] == 4096)].iloc[0]
    assert row["delta_pct"] == pytest.approx(-10.0)
    assert row["pct_copy"] == pytest.approx(100 * 1800 / 2500)


def test_regression_of_other_provider_is_informational():
    slow = harness_frame({("torch", n): 1000.0 for n in NS})
    table = verdict_table(result_set(harness_frame()), result_set(slow))
    assert set(verdicts(table, "torch").values()) == {"regressed"}
    assert not compare.gate_failed(table)


def test_improvement():
    fast = harness_frame({("triton", 32768): 2000.0 * 1.2})
    table = verdict_table(result_set(harness_frame()), result_set(fast))
    assert verdicts(table)[32768] == "improved"
    assert not compare.gate_failed(table)


def test_time_metric_is_lower_is_better():
    slow = harness_frame({("triton", 4096): 2000.0 * 0.9})
    table = verdict_table(result_set(harness_frame()), result_set(slow), metric="ms")
    row = table[(table["provider"] == "triton") & (table["N"] == 4096)].iloc[0]
    assert row["delta_pct"] > 0 and row["verdict"] == "regressed"
    assert compare.gate_failed(table)


def test_change_within_the_band_is_noise():
    nudge = 1 - SYNTHETIC_POLICY.margin * CALIBRATED[256] / 200  # half the band
    table = verdict_table(
        result_set(harness_frame()), result_set(harness_frame({("triton", 256): 2000.0 * nudge}))
    )
    assert verdicts(table)[256] == "unchanged"


def test_same_change_is_flagged_at_a_quiet_point_and_not_at_a_noisy_one():
    """-3 %: beyond the band where identical reruns moved 0.8 %, inside it where they moved 4 %."""
    slow = {("triton", n): 2000.0 * 0.97 for n in NS}
    table = verdict_table(
        result_set(harness_frame(noise=QUIET)), result_set(harness_frame(slow, noise=QUIET))
    )
    triton = table[table["provider"] == "triton"].set_index("N")
    assert triton.loc[4096, "verdict"] == "regressed"
    assert triton.loc[256, "verdict"] == "unchanged"
    assert triton.loc[4096, "band_pct"] == pytest.approx(SYNTHETIC_POLICY.margin * CALIBRATED[4096])
    assert triton.loc[256, "band_pct"] == pytest.approx(SYNTHETIC_POLICY.margin * CALIBRATED[256])
    assert list(triton.loc[[256, 4096], "band_from"]) == ["noise", "noise"]
    assert compare.gate_failed(table)


def test_minimum_floor_under_a_very_quiet_calibration():
    table = verdict_table(
        result_set(harness_frame(noise=QUIET)),
        result_set(harness_frame({("triton", 4096): 2000.0 * 0.995}, noise=QUIET)),
        noise=noise_table(noise={4096: 0.1}),
    )
    row = table[(table["provider"] == "triton") & (table["N"] == 4096)].iloc[0]
    assert row["band_pct"] == SYNTHETIC_POLICY.min_floor_pct and row["band_from"] == "floor"
    assert row["verdict"] == "unchanged"


def test_uncalibrated_point_falls_back_to_the_default_floor():
    """N=32768 and torch lack calibrated noise: a change inside the default floor is noise."""
    nudge = 1 - SYNTHETIC_POLICY.default_floor_pct / 200
    slow = {("triton", 32768): 2000.0 * nudge, ("torch", 256): 1500.0 * nudge}
    table = verdict_table(result_set(harness_frame()), result_set(harness_frame(slow)))
    defaults = table[(table["N"] == 32768) | (table["provider"] == "torch")]
    assert (defaults["band_pct"] == SYNTHETIC_POLICY.default_floor_pct).all()
    assert set(defaults["band_from"]) == {"default"} and defaults["noise_pct"].isna().all()
    assert set(defaults["verdict"]) == {"unchanged"}


def test_uncalibrated_gpu_falls_back_to_the_default_floor_and_says_so():
    gpu = "NVIDIA H200"
    base, head = (
        result_set(harness_frame(), gpu),
        result_set(
            harness_frame({("triton", 4096): 2000.0 * 0.95, ("triton", 256): 2000.0 * 0.85}), gpu
        ),
    )
    table = verdict_table(base, head)  # the table calibrates GPU (an H100) only
    assert set(table["band_from"]) == {"default"}
    assert verdicts(table) == {256: "regressed", 4096: "unchanged", 32768: "unchanged"}
    markdown = compare.report(base, head, table, "gbps", [], SYNTHETIC_POLICY, noise_table())
    assert "no calibrated noise for 'NVIDIA H200'" in markdown
    assert f"default {SYNTHETIC_POLICY.default_floor_pct:g} % band" in markdown


def test_noisy_samples_widen_the_band():
    """A 20 % drop is a regression with quiet samples, noise when the samples scatter by ~12 %."""
    slow = {("triton", n): 1600.0 for n in NS}
    noisy = (1.0, 0.88, 1.12)
    quiet = verdict_table(result_set(harness_frame()), result_set(harness_frame(slow)))
    loud = verdict_table(
        result_set(harness_frame(noise=noisy)), result_set(harness_frame(slow, noise=noisy))
    )
    assert set(verdicts(quiet).values()) == {"regressed"}
    assert set(verdicts(loud).values()) == {"unchanged"}
    assert (loud.loc[loud["provider"] == "triton", "band_pct"] > 20).all()
    assert set(loud["band_from"]) == {"spread"}


def test_missing_points():
    head = harness_frame()
    head = head[~((head["provider"] == "triton") & (head["N"] == 32768))]
    head.loc[(head["provider"] == "triton") & (head["N"] == 256), "status"] = "wrong: dx"
    table = verdict_table(result_set(harness_frame()), load_ok(head))
    assert verdicts(table) == {256: "missing", 4096: "unchanged", 32768: "missing"}
    assert not compare.gate_failed(table)


def load_ok(frame) -> ResultSet:
    """Like the CSV loader: only status == ok rows."""
    return result_set(frame[frame["status"] == "ok"])


def run_cli(*args, cwd=None):
    """``python -m kernels.bench.compare ARGS`` -> (exit status, stdout, stderr)."""
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    )
    proc = subprocess.run(
        [sys.executable, "-m", "kernels.bench.compare", *map(str, args)],
        capture_output=True, text=True, cwd=cwd, env=env,
    )  # fmt: skip
    return proc.returncode, proc.stdout, proc.stderr


def test_cli_table_and_exit_status(tmp_path):
    base = write_run(tmp_path, "base", harness_frame())
    head = write_run(tmp_path, "head", harness_frame({("triton", 4096): 1500.0}))
    assert compare.main([str(base), str(base)]) == 0
    status, out, _ = run_cli(base, head)
    assert status == 1
    assert "Triton regressed" in out
    table = compare.compare(compare.load_file(base), compare.load_file(head))  # installed noise
    row = table[(table["provider"] == "triton") & (table["N"] == 4096)].iloc[0]
    assert (
        f"| forward | float16 | 4096 | triton | 2000 | 1500 | -25.0 | {row['band_pct']:.1f} | "
        f"{row['band_from']} | 60 | **regressed** |" in out
    )
    assert "noise band" in out and f"max({POLICY.min_floor_pct:g} % floor" in out
    assert f"- noise: calibrated for {GPU} in `" in out and INSTALLED.name in out


def test_machine_mismatch_is_refused_unless_allowed(tmp_path):
    base = write_run(tmp_path, "base", harness_frame())
    head = write_run(tmp_path, "head", harness_frame(), gpu="NVIDIA H200")
    status, out, err = run_cli(base, head)
    assert status == 2 and out == ""
    assert "MACHINE MISMATCH" in err and "NVIDIA H200" in err
    status, out, err = run_cli(base, head, "--allow-machine-mismatch")
    assert status == 0
    assert "MACHINE MISMATCH" in err and "**gpu:" in out


def test_unknown_machine_is_a_mismatch(tmp_path):
    base = write_run(tmp_path, "base", harness_frame())
    head = write_run(tmp_path, "head", harness_frame())
    (head / "machine.json").unlink()
    assert compare.main([str(base), str(head)]) == 2


@pytest.mark.parametrize(
    "content",
    ["", "mode,dtype\nforward,float16\n", '"unterminated\n1,2', "\x00\x01binary\xff"],
    ids=["empty", "missing-columns", "bad-quoting", "binary"],
)
def test_corrupted_csv_is_a_clear_error_and_nothing_is_written(tmp_path, content, capsys):
    base = write_run(tmp_path, "base", harness_frame())
    bad = tmp_path / "bad" / "results.csv"
    bad.parent.mkdir()
    bad.write_bytes(content.encode("latin-1"))
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert compare.main([str(base), str(bad)]) == 2
    assert f"error: {bad}" in capsys.readouterr().err
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


# ---- asv results: files and commits ---------------------------------------------------------
def asv_result(commit, gbps_by_n, gpu=GPU, samples=True) -> dict:
    """An asv results file (format version 2) for triton/forward/float16 at ``gbps_by_n``."""
    params = [["'forward'"], ["'float16'"], [str(n) for n in gbps_by_n], ["'triton'"]]
    values = list(gbps_by_n.values())
    columns = ["result", "params", "version", "started_at", "duration", "stats_ci_99_a",
               "stats_ci_99_b", "stats_q_25", "stats_q_75", "stats_number", "stats_repeat",
               "samples", "profile"]  # fmt: skip
    row = [values, params, "0" * 64, 0, 1.0, None, None, None, None, None, None]
    row.append([[v * f for f in NOISE] for v in values] if samples else None)
    return {
        "commit_hash": commit, "env_name": "existing-py", "date": 1, "python": "3.12",
        "requirements": {}, "env_vars": {}, "result_columns": columns,
        "results": {"layer_norm.LayerNorm.track_gbps": row},
        "params": {"machine": "runner-H100", "gpu": gpu}, "durations": {}, "version": 2,
    }  # fmt: skip


def git(repo, *args) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path):
    """A git repo with two commits (returned as ``repo.base``, ``repo.head``)."""
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    for message in ("base", "head"):
        git(path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty",
            "-m", message)  # fmt: skip
    return path


def store(results_dir, machine, data):
    """Write ``data`` where asv stores a results file; returns the path."""
    path = results_dir / machine / f"{data['commit_hash'][:8]}-{data['env_name']}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path


def test_asv_file_samples_are_loaded(tmp_path):
    path = store(tmp_path, "runner-H100", asv_result("a" * 40, {256: 1000.0, 4096: 2000.0}))
    result = compare.load_file(path)
    assert result.machine["gpu"] == GPU
    gbps = result.samples[result.samples["metric"] == "gbps"]
    assert sorted(gbps.loc[gbps["N"] == 4096, "value"]) == pytest.approx([1990, 2000, 2010])


def test_asv_file_without_samples_uses_the_value(tmp_path):
    path = store(tmp_path, "m", asv_result("a" * 40, {256: 1000.0}, samples=False))
    assert list(compare.load_file(path).samples["value"]) == [1000.0]


def test_commits_resolve_to_stored_asv_results(repo, monkeypatch):
    monkeypatch.chdir(repo)
    base, head = git(repo, "rev-parse", "HEAD~1"), git(repo, "rev-parse", "HEAD")
    results = repo / ".asv" / "results"
    store(results, "runner-H100", asv_result(base, {256: 1000.0, 4096: 2000.0}))
    store(results, "runner-H100", asv_result(head, {256: 1000.0, 4096: 1700.0}))
    status, out, err = run_cli("HEAD~1", "main", cwd=repo)
    assert status == 1, err
    assert "| forward | float16 | 4096 | triton | 2000 | 1700 | -15.0 |" in out


def test_commit_without_stored_results_is_a_clear_error(repo):
    base = git(repo, "rev-parse", "HEAD~1")
    store(repo / ".asv" / "results", "runner-H100", asv_result(base, {256: 1000.0}))
    status, _, err = run_cli("HEAD~1", "HEAD", cwd=repo)
    assert status == 2
    assert "exactly one machine" in err and "back-fill" in err


def test_not_a_commit_nor_a_file(repo):
    status, _, err = run_cli("no-such-thing", "HEAD", cwd=repo)
    assert status == 2 and "neither a results file nor a git commit" in err


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.pop("results"),
        lambda d: d.update(version=1),
        lambda d: d["results"]["layer_norm.LayerNorm.track_gbps"][1].pop(),
        lambda d: d.update(results={}),
    ],
    ids=["no-results", "old-format", "params-mismatch", "no-layer-norm"],
)
def test_corrupted_asv_file_is_a_clear_error(tmp_path, mutate):
    data = asv_result("a" * 40, {256: 1000.0, 4096: 2000.0})
    mutate(data)
    path = store(tmp_path, "m", data)
    with pytest.raises(ResultsError, match=str(path)):
        compare.load_file(path)


def test_truncated_asv_file(tmp_path):
    path = store(tmp_path, "m", asv_result("a" * 40, {256: 1000.0}))
    path.write_text(path.read_text()[:50])
    with pytest.raises(ResultsError, match="cannot read JSON"):
        compare.load_file(path)


# ---- the GPU proof's analysis, on synthetic runs ---------------------------------------------
def synthetic_runs(out, seed=0):
    """gate_proof-style runs: baselines with ~0.5 % run-to-run noise and slowed Triton runs."""
    import numpy as np

    from kernels.bench import gate_proof

    rng = np.random.default_rng(seed)
    for index, fraction in enumerate(gate_proof.schedule()[:14]):
        rows = []
        run_factor = 1 + rng.normal(0, 0.005)
        for mode in gate_proof.MODES:
            for dtype in gate_proof.DTYPES:
                for n in (256, 4096, 32768):
                    for provider in gate_proof.PROVIDERS:
                        slowed = fraction if provider == "triton" else 0.0
                        for rep in range(gate_proof.REPEATS):
                            g = 2000 * run_factor * (1 + rng.normal(0, 0.003)) / (1 + slowed)
                            rows.append(dict(mode=mode, dtype=dtype, M=4096, N=n,
                                             provider=provider, rep=rep, gbps=g, ms=1 / g,
                                             status="ok"))  # fmt: skip
        write_run(out, gate_proof.run_label(index, fraction), pd.DataFrame(rows))


def test_gate_proof_analysis(tmp_path):
    from kernels.bench import gate_proof

    (tmp_path / "runs").mkdir()
    synthetic_runs(tmp_path / "runs")
    report = gate_proof.analyze(tmp_path)
    assert "Smallest measured slowdown caught reliably" in report
    assert (tmp_path / "report.md").exists()
    noise = compare.read_noise_csv(tmp_path / gate_proof.CALIBRATION_FILE)
    assert set(noise["gpu"]) == {GPU} and set(noise["pairs"]) == {3}  # 6 pairs, 3 calibrate
    pairs = pd.read_csv(tmp_path / "pairs.csv")
    identical = pairs[pairs["kind"] == "identical"]
    assert identical["pair"].nunique() == 6  # 7 baselines among the first 14 runs
    assert not (identical.query("provider == 'triton'")["verdict"] == "regressed").any()
    slowed = pairs[(pairs["kind"] == "slowed") & (pairs["provider"] == "triton")]
    caught = slowed.groupby("fraction")["verdict"].apply(lambda v: (v == "regressed").mean())
    assert caught[0.10] == 1.0 and caught[0.20] == 1.0
    assert caught[0.02] <= caught[0.10]
    assert (pairs.query("provider == 'copy'")["verdict"] == "unchanged").all()


def test_failure_rate_bound():
    from kernels.bench import gate_proof

    assert gate_proof.failure_rate_bound(0, 9) == pytest.approx(1 - 0.05 ** (1 / 9), abs=1e-9)
    assert gate_proof.failure_rate_bound(9, 9) == 1.0
    assert gate_proof.failure_rate_bound(1, 9) == pytest.approx(0.4291, abs=1e-4)  # tables


# ---- noise tables ----------------------------------------------------------------------------
def test_installed_h100_table_covers_the_gated_points():
    noise = compare.load_noise(compare.NOISE_DIR)
    h100 = noise[(noise["gpu"] == GPU) & (noise["provider"] == "triton")]
    ns = [256 * 2**i for i in range(8)]
    assert sorted(zip(h100["mode"], h100["N"], strict=True)) == sorted(
        (mode, n) for mode in ("forward", "backward") for n in ns
    )
    assert (h100["pairs"] >= 8).all() and (h100["max_abs_delta_pct"] > 0).all()


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "cannot read noise table"),
        ("gpu,mode,N\nx,forward,256\n", "missing columns"),
        ("gpu,mode,N,provider,max_abs_delta_pct,pairs,source\nx,forward,256,triton,-1,8,s\n",
         ">= 0"),
        ("gpu,mode,N,provider,max_abs_delta_pct,pairs,source\nx,forward,big,triton,1,8,s\n",
         "integers"),
    ],
    ids=["empty", "missing-columns", "negative", "non-numeric-N"],
)  # fmt: skip
def test_corrupted_noise_table_is_a_clear_error(tmp_path, monkeypatch, capsys, content, message):
    (tmp_path / "noise").mkdir()
    bad = tmp_path / "noise" / "gpu.csv"
    bad.write_text(content)
    with pytest.raises(ResultsError, match=message):
        compare.load_noise(bad.parent)
    run = write_run(tmp_path, "run", harness_frame())
    monkeypatch.setattr(compare, "POLICY", replace(POLICY, noise_dir=bad.parent))
    assert compare.main([str(run), str(run)]) == 2
    assert f"error: {bad}" in capsys.readouterr().err


def test_point_calibrated_twice_is_an_error(tmp_path):
    for name in ("a.csv", "b.csv"):
        noise_table().drop(columns="file").to_csv(tmp_path / name, index=False)
    with pytest.raises(ResultsError, match="calibrate the same"):
        compare.load_noise(tmp_path)


def test_no_noise_directory_means_every_point_uncalibrated(tmp_path):
    noise = compare.load_noise(tmp_path / "absent")
    table = verdict_table(result_set(harness_frame()), result_set(harness_frame()), noise=noise)
    assert set(table["band_from"]) == {"default"}


# ---- the GPU proof's saved H100 runs (tests/data/gate-proof) ----------------------------------
@pytest.fixture(scope="module")
def h100_proof(tmp_path_factory):
    """gate_proof's analysis, redone here, of the committed H100 runs; returns its folder."""
    from kernels.bench import gate_proof

    out = tmp_path_factory.mktemp("gate-proof")
    with tarfile.open(DATA / "gate-proof" / "runs.tar.gz") as tar:
        # The "data" filter exists from Python 3.12 and 3.10.12/3.11.4 on (the project takes
        # 3.10+); the archive is the repository's own, so older versions extract it unfiltered.
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(out, **safe)
    gate_proof.analyze(out)
    return out


def test_h100_proof_has_no_false_alarm_on_held_out_pairs(h100_proof):
    pairs = pd.read_csv(h100_proof / "pairs.csv")
    identical = pairs[(pairs["kind"] == "identical") & (pairs["provider"] == "triton")]
    n_pairs = identical["pair"].nunique()
    assert n_pairs == 17
    held_out = identical[identical["pair"] >= n_pairs // 2]
    assert held_out["pair"].nunique() == 9
    assert set(held_out["verdict"]) == {"unchanged"}


def test_h100_proof_every_largest_slowdown_fails_the_gate(h100_proof):
    from kernels.bench import gate_proof

    pairs = pd.read_csv(h100_proof / "pairs.csv")
    slowed = pairs[(pairs["kind"] == "slowed") & (pairs["fraction"] == max(gate_proof.SLOWDOWNS))]
    assert slowed["pair"].nunique() == gate_proof.SLOWDOWN_ROUNDS
    for _, table in slowed.groupby("pair"):
        assert compare.gate_failed(table)


def test_h100_proof_reproduces_the_installed_noise_table(h100_proof):
    from kernels.bench import gate_proof

    assert (h100_proof / gate_proof.CALIBRATION_FILE).read_text() == INSTALLED.read_text()


# ---- real asv results of an H100 run (tests/data/asv-results) ---------------------------------
REAL_ASV = DATA / "asv-results"
REAL_COMMIT = "9d4db604bfd34a77366d4b033f1e97bfaf49d135"


@pytest.fixture
def real_asv_file():
    path = next(REAL_ASV.glob(f"*/{REAL_COMMIT[:8]}-*.json"), None)
    if path is None:
        pytest.skip(f"no real asv results under {REAL_ASV}")
    return path


def test_real_asv_file_against_itself_is_unchanged(real_asv_file):
    result = compare.load_file(real_asv_file)
    assert result.machine["gpu"] == GPU
    table = compare.compare(result, result)
    assert len(table) == 2 * 3 * 8 * 4 and set(table["verdict"]) == {"unchanged"}
    triton = table[table["provider"] == "triton"]
    assert set(triton["band_from"]) <= {"noise", "floor", "spread"}  # calibrated on the H100


def test_real_asv_file_with_a_slower_point_fails_the_gate(real_asv_file, tmp_path):
    data = json.loads(real_asv_file.read_text())
    columns = data["result_columns"]
    row = dict(zip(columns, data["results"]["layer_norm.LayerNorm.track_gbps"], strict=False))
    point = ("'backward'", "'bfloat16'", "16384", "'triton'")
    index = list(itertools.product(*row["params"])).index(point)
    row["result"][index] *= 0.9
    row["samples"][index] = [x * 0.9 for x in row["samples"][index]]
    data["results"]["layer_norm.LayerNorm.track_gbps"] = [row.get(c) for c in columns]
    head = store(tmp_path, "m", data)
    status, out, err = run_cli(real_asv_file, head)
    assert status == 1, err
    assert "| backward | bfloat16 | 16384 | triton |" in out and "**regressed**" in out
    assert out.count("**regressed**") == 1


def test_real_asv_commits_resolve(real_asv_file):
    if subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", REAL_COMMIT]).returncode:
        pytest.skip(f"commit {REAL_COMMIT[:8]} is not in this clone (shallow?)")
    status, out, err = run_cli(REAL_COMMIT[:8], REAL_COMMIT, "--results-dir", REAL_ASV, cwd=ROOT)
    assert status == 0, err
    assert "0 regressed, 0 improved, 48 unchanged" in out
