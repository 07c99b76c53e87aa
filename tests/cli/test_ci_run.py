""".ci/run's install step: it installs the report's browser tools only when they are missing,
looking for them under the names the report itself looks for, and says why when it cannot."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from itroad.cli.report import BROWSERS

ROOT = Path(__file__).resolve().parents[2]
#: What .ci/run needs besides the tools faked here.
TOOLS = ("bash", "env", "dirname", "python3", "uname", "nproc", "date", "id", "cat")

_MISSING = [tool for tool in TOOLS if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(bool(_MISSING), reason=f"not installed: {', '.join(_MISSING)}")


def fake(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)


def ci_run(tmp_path: Path, *present: str, root: bool = True, apt: bool = True,
           sudo: bool = False) -> tuple[subprocess.CompletedProcess, str]:
    """.ci/run in a copy of the repository with only ``present`` of the browser tools on PATH;
    ``make``, ``apt-get`` and ``sudo`` are fakes that write down how they were called."""
    repo, bin_dir, log = tmp_path / "repo", tmp_path / "bin", tmp_path / "calls"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", repo / ".ci" / "run")
    bin_dir.mkdir()
    for tool in TOOLS:
        (bin_dir / tool).symlink_to(shutil.which(tool) or tool)
    for tool in present:
        fake(bin_dir, tool, "exit 0")
    fake(bin_dir, "make", f'echo "make $*" >> {log}')
    if apt:
        fake(bin_dir, "apt-get", f'echo "apt-get $* ($DEBIAN_FRONTEND)" >> {log}')
    if sudo:
        # Like sudo's env_reset: the command gets a fresh environment.
        fake(bin_dir, "sudo", f'echo "sudo $1" >> {log}; shift; exec {bin_dir}/env -i PATH="$PATH" "$@"')
    if not root:
        (bin_dir / "id").unlink()
        fake(bin_dir, "id", "echo 1000")
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path)}
    done = subprocess.run([str(bin_dir / "bash"), str(repo / ".ci" / "run")], capture_output=True,
                          text=True, timeout=60, env=env, cwd=repo)
    return done, log.read_text() if log.exists() else ""


@pytest.mark.parametrize("browser", BROWSERS)
def test_any_browser_the_report_finds_is_enough(tmp_path, browser):
    done, calls = ci_run(tmp_path, browser, "pdftoppm", "pdftotext")
    assert done.returncode == 0, done.stderr
    assert "apt-get" not in calls and calls == "make test\n"


def test_missing_tools_are_installed_as_root(tmp_path):
    done, calls = ci_run(tmp_path)
    assert done.returncode == 0, done.stderr
    assert calls.splitlines() == ["apt-get update -q (noninteractive)",
                                  "apt-get install -y -q chromium poppler-utils (noninteractive)",
                                  "make test"]


def test_not_root_installs_through_sudo(tmp_path):
    done, calls = ci_run(tmp_path, "chromium", root=False, sudo=True)
    assert done.returncode == 0, done.stderr
    assert calls.splitlines() == ["sudo -n", "apt-get update -q (noninteractive)", "sudo -n",
                                  "apt-get install -y -q poppler-utils (noninteractive)",
                                  "make test"]


def test_not_root_without_sudo_says_so_and_stops(tmp_path):
    done, calls = ci_run(tmp_path, "pdftoppm", "pdftotext", root=False)
    assert done.returncode == 1 and calls == ""
    assert "cannot install chromium: not root and no sudo" in done.stderr


def test_without_apt_it_says_what_to_install(tmp_path):
    done, calls = ci_run(tmp_path, apt=False)
    assert done.returncode == 1 and calls == ""
    assert "chromium poppler-utils" in done.stderr and "apt-get" in done.stderr
    assert done.stderr.count("==") == 1  # one message, no shell error before it
