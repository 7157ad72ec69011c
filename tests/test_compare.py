"""The regression verdict (kernels/bench/compare.py) on synthetic result sets, CPU only."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kernels.bench import compare
from kernels.bench.compare import POLICY, ResultsError, ResultSet

ROOT = Path(__file__).resolve().parents[1]
GPU = "NVIDIA H100 80GB HBM3"
NS = (256, 4096, 32768)
BASE_GBPS = {"triton": 2000.0, "torch": 1500.0, "copy": 2500.0}
NOISE = (1.0, 0.995, 1.005)  # three repeats per point: +-0.5 %, well inside the floor


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


def result_set(frame) -> ResultSet:
    samples = frame.melt(id_vars=compare.KEYS, value_vars=["gbps", "ms"], var_name="metric")
    return ResultSet(samples, {"gpu": GPU})


def test_identical_runs_are_unchanged():
    table = compare.compare(result_set(harness_frame()), result_set(harness_frame()))
    assert set(table["verdict"]) == {"unchanged"}
    assert not compare.gate_failed(table)
    assert (table["band_pct"] >= POLICY.floor_pct).all()


def test_regression_beyond_band_fails_gate_for_triton_only():
    slow = harness_frame({("triton", 4096): 2000.0 * 0.90, ("torch", 256): 1500.0 * 0.5})
    table = compare.compare(result_set(harness_frame()), result_set(slow))
    assert verdicts(table) == {256: "unchanged", 4096: "regressed", 32768: "unchanged"}
    assert verdicts(table, "torch")[256] == "regressed"
    assert compare.gate_failed(table)
    row = table[(table["provider"] == "triton") & (table["N"] == 4096)].iloc[0]
    assert row["delta_pct"] == pytest.approx(-10.0)
    assert row["pct_copy"] == pytest.approx(100 * 1800 / 2500)


def test_regression_of_other_provider_is_informational():
    slow = harness_frame({("torch", n): 1000.0 for n in NS})
    table = compare.compare(result_set(harness_frame()), result_set(slow))
    assert set(verdicts(table, "torch").values()) == {"regressed"}
    assert not compare.gate_failed(table)


def test_improvement():
    fast = harness_frame({("triton", 32768): 2000.0 * 1.2})
    table = compare.compare(result_set(harness_frame()), result_set(fast))
    assert verdicts(table)[32768] == "improved"
    assert not compare.gate_failed(table)


def test_time_metric_is_lower_is_better():
    slow = harness_frame({("triton", 4096): 2000.0 * 0.9})
    table = compare.compare(result_set(harness_frame()), result_set(slow), metric="ms")
    row = table[(table["provider"] == "triton") & (table["N"] == 4096)].iloc[0]
    assert row["delta_pct"] > 0 and row["verdict"] == "regressed"
    assert compare.gate_failed(table)


def test_change_within_the_floor_is_noise():
    nudge = 1 - POLICY.floor_pct / 200  # half the floor
    table = compare.compare(
        result_set(harness_frame()), result_set(harness_frame({("triton", 256): 2000.0 * nudge}))
    )
    assert verdicts(table)[256] == "unchanged"


def test_noisy_samples_widen_the_band():
    """A 10 % drop is a regression with quiet samples, noise when the samples scatter by ~10 %."""
    slow = {("triton", n): 1800.0 for n in NS}
    noisy = (1.0, 0.88, 1.12)
    quiet = compare.compare(result_set(harness_frame()), result_set(harness_frame(slow)))
    loud = compare.compare(
        result_set(harness_frame(noise=noisy)), result_set(harness_frame(slow, noise=noisy))
    )
    assert set(verdicts(quiet).values()) == {"regressed"}
    assert set(verdicts(loud).values()) == {"unchanged"}
    assert (loud.loc[loud["provider"] == "triton", "band_pct"] > 10).all()


def test_missing_points():
    head = harness_frame()
    head = head[~((head["provider"] == "triton") & (head["N"] == 32768))]
    head.loc[(head["provider"] == "triton") & (head["N"] == 256), "status"] = "wrong: dx"
    table = compare.compare(result_set(harness_frame()), load_ok(head))
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
    assert (
        f"| forward | float16 | 4096 | triton | 2000 | 1500 | -25.0 | {POLICY.floor_pct:.1f} | 60 "
        "| **regressed** |" in out
    )
    assert "noise band" in out and f"max({POLICY.floor_pct:g} % run-to-run floor" in out


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
    assert "recommended floor" in report and (tmp_path / "report.md").exists()
    pairs = pd.read_csv(tmp_path / "pairs.csv")
    current = pairs[pairs["policy"] == "current"]
    identical = current[current["kind"] == "identical"]
    assert identical["pair"].nunique() == 6  # 7 baselines among the first 14 runs
    assert not (identical.query("provider == 'triton'")["verdict"] == "regressed").any()
    slowed = current[(current["kind"] == "slowed") & (current["provider"] == "triton")]
    caught = slowed.groupby("fraction")["verdict"].apply(lambda v: (v == "regressed").mean())
    assert caught[0.10] == 1.0 and caught[0.20] == 1.0
    assert caught[0.02] <= caught[0.10]
    assert (current.query("provider == 'copy'")["verdict"] == "unchanged").all()
