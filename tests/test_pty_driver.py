"""The pseudo-terminal driver of the benchmarks (benchmarks/pty_driver.py) sees what a program shows."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

pytest.importorskip("pyte", reason="pyte (the bench extra: pip install -e '.[bench]') is not installed")

from benchmarks.pty_driver import PtyApp, key_bytes, matcher  # noqa: E402


def _pty_available() -> bool:
    try:
        master, slave = os.openpty()
    except OSError:
        return False
    os.close(master)
    os.close(slave)
    return True


needs_pty = pytest.mark.skipif(not _pty_available(), reason="no pseudo-terminal available here")


def bare_app() -> PtyApp:
    return PtyApp([sys.executable, "-m", "benchmarks.bare_app"], size=(40, 10), cwd=ROOT)


def test_keys_are_sent_as_an_xterm_sends_them():
    assert key_bytes("escape") == b"\x1b"
    assert key_bytes("end") == b"\x1b[F"
    assert key_bytes("enter") == b"\r"
    assert key_bytes("é") == "é".encode()
    assert key_bytes("ctrl+c") == b"\x03"
    with pytest.raises(ValueError, match="no terminal bytes"):
        key_bytes("hyper+x")


def test_an_expectation_is_text_a_pattern_or_a_test():
    lines = ["  16,339 assets · sorted by Tag", ""]
    assert matcher("sorted by Tag")(lines)
    assert not matcher("sorted by Name")(lines)
    assert matcher(re.compile(r"^\s+\d[\d,]* assets", re.M))(lines)
    assert matcher(lambda ls: len(ls) == 2)(lines)


@needs_pty
def test_it_sees_a_textual_app_s_first_screen_and_a_key():
    with bare_app() as app:
        seen = app.wait_for("ready", timeout=30)
        assert seen >= app.started
        assert app.screen.columns == 40 and app.screen.lines == 10
        assert app.key_to_screen("k", "pressed 1", timeout=30) > 0
        assert "pressed 1" in app.text()
        if Path("/proc/self/stat").exists():
            used = app.cpu_seconds()
            assert used is not None and used > 0
        with pytest.raises(RuntimeError, match="before the key"):
            app.key_to_screen("k", "pressed 1")
    assert not app.alive()


@needs_pty
def test_a_timeout_ends_the_program_and_shows_the_screen():
    app = bare_app().start()
    app.wait_for("ready", timeout=30)
    with pytest.raises(TimeoutError, match=r"(?s)never shown.*ready"):
        app.wait_for("never shown", timeout=0.3, what="never shown")
    assert not app.alive()
    app.close()
