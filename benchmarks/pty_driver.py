"""Run a program in a real pseudo-terminal and time what appears on its screen.

:class:`PtyApp` starts a command with a pseudo-terminal of a given size as its
controlling terminal (the standard library's ``os.openpty`` and ``os.fork``), reads
everything the program writes and feeds it to a ``pyte`` screen (a VT100/xterm
emulator in pure Python). :meth:`PtyApp.wait_for` returns the moment the expected
text is on that screen; :meth:`PtyApp.press` sends a key as an xterm sends it.

How a moment is taken: one thread only reads the terminal and stamps each chunk
with ``time.monotonic()`` as it arrives; a second thread parses the chunks in order
and checks the expectation after each one. The moment reported is the arrival of
the chunk that completed the expected text, so the emulator's own parsing time (a
native terminal parses far faster) is not counted, and the program never waits for
the emulator (the reader drains the terminal at once). Colours and styles are not
parsed at all: expectations are about text.

Keys: Textual reads the bytes an xterm sends. A lone ESC is ambiguous (it also
begins every escape sequence), so Textual waits ``ESCDELAY`` (100 ms by default)
for more bytes before it reports the Escape key: a figure that starts with Esc
includes that wait, as it does for a person at a real terminal.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import queue
import re
import signal
import struct
import termios
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType

import pyte

#: Keys by the names Textual gives them, as an xterm (TERM=xterm-256color) sends them.
KEYS: dict[str, bytes] = {
    "escape": b"\x1b",
    "enter": b"\r",
    "tab": b"\t",
    "backspace": b"\x7f",
    "space": b" ",
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "home": b"\x1b[H",
    "end": b"\x1b[F",
    "pageup": b"\x1b[5~",
    "pagedown": b"\x1b[6~",
    "delete": b"\x1b[3~",
    "f1": b"\x1bOP",
    "f12": b"\x1b[24~",
    "slash": b"/",
}

#: What :meth:`PtyApp.wait_for` accepts: text somewhere on the screen, a pattern
#: searched in the screen's lines joined by newlines, or a test of those lines.
Expectation = str | re.Pattern[str] | Callable[[list[str]], bool]


class TextScreen(pyte.Screen):
    """A pyte screen that keeps the characters and skips colours and styles."""

    def select_graphic_rendition(self, *attrs: int, **kwargs: object) -> None:
        """Styles are not looked at: parsing them would only slow the emulator down."""


def key_bytes(key: str) -> bytes:
    """The bytes a terminal sends for ``key`` (a Textual key name or one character)."""
    if key in KEYS:
        return KEYS[key]
    if len(key) == 1:
        return key.encode("utf-8")
    if key.startswith("ctrl+") and len(key) == 6 and key[5].isalpha():
        return bytes([ord(key[5].lower()) - ord("a") + 1])
    raise ValueError(f"no terminal bytes known for key {key!r}")


def matcher(expect: Expectation) -> Callable[[list[str]], bool]:
    """A test of the screen's lines for an expectation."""
    if isinstance(expect, str):
        return lambda lines: any(expect in line for line in lines)
    if isinstance(expect, re.Pattern):
        pattern = expect
        return lambda lines: pattern.search("\n".join(lines)) is not None
    return expect


def clean_environment(*, columns: int, lines: int, config_dir: Path | None = None,
                      extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment a fresh xterm gives a program, without the user's own settings.

    Starts from this process's environment (PATH, HOME, the locale) and drops
    whatever would change how the program under test behaves: itroad's and Textual's
    own variables, ``NO_COLOR``, a surrounding tmux or screen. ``config_dir`` becomes
    ``ITROAD_CONFIG_DIR`` (an empty directory: no user configuration or theme).
    """
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("ITROAD_", "TEXTUAL", "TMUX", "STY", "COLORTERM", "NO_COLOR",
                                   "FORCE_COLOR", "ESCDELAY", "COLUMNS", "LINES", "PYTHONSTARTUP"))}
    env.update({"TERM": "xterm-256color", "COLORTERM": "truecolor",
                "COLUMNS": str(columns), "LINES": str(lines)})
    if not any(env.get(name, "").lower().endswith(("utf-8", "utf8")) for name in ("LC_ALL", "LC_CTYPE", "LANG")):
        env["LANG"] = "C.UTF-8"
    if config_dir is not None:
        env["ITROAD_CONFIG_DIR"] = str(config_dir)
    if extra:
        env.update(extra)
    return env


class _Waiter:
    def __init__(self, test: Callable[[list[str]], bool]) -> None:
        self.test = test
        self.seen: float | None = None
        self.done = threading.Event()


class PtyApp:
    """A program in a pseudo-terminal of ``size`` (columns, lines), its screen emulated.

    Use it as a context manager: leaving the block (or a timeout) ends the program
    and its process group, and closes the terminal.
    """

    def __init__(self, argv: Sequence[str], *, size: tuple[int, int] = (120, 40),
                 env: Mapping[str, str] | None = None, cwd: str | Path | None = None,
                 history: bool = False, rate: int | None = None) -> None:
        self.argv = [str(arg) for arg in argv]
        #: Bytes a second the terminal takes from the program (None: as fast as it writes).
        #: A thin ssh link: the program's writes wait once the terminal's buffer is full.
        self.rate = rate
        self.columns, self.lines = size
        self.env = dict(env) if env is not None else clean_environment(columns=self.columns, lines=self.lines)
        self.cwd = str(cwd) if cwd is not None else None
        self.screen = TextScreen(self.columns, self.lines)
        self._stream = pyte.ByteStream(self.screen)
        self._lock = threading.Lock()
        self._chunks: queue.SimpleQueue[tuple[float, bytes] | None] = queue.SimpleQueue()
        self._waiter: _Waiter | None = None
        self._last_chunk_at = 0.0
        self._closed = threading.Event()
        self.pid = 0
        self.master = -1
        #: ``time.monotonic()`` just before the program was started.
        self.started = 0.0
        self.bytes_read = 0
        #: With ``history``: each moment output arrived and the screen's lines after it.
        self.history: list[tuple[float, list[str]]] | None = [] if history else None

    # -- life -----------------------------------------------------------------------------

    def start(self) -> PtyApp:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.lines, self.columns, 0, 0))
        executable = self.argv[0]
        env = self.env
        self.started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the child: a session of its own, the terminal as its controlling tty
            try:
                os.close(master)
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2):
                    os.dup2(slave, fd)
                if slave > 2:
                    os.close(slave)
                if self.cwd is not None:
                    os.chdir(self.cwd)
                os.execve(executable, self.argv, env)
            finally:
                os._exit(127)
        os.close(slave)
        self.pid, self.master = pid, master
        threading.Thread(target=self._read, name="pty-reader", daemon=True).start()
        threading.Thread(target=self._parse, name="pty-parser", daemon=True).start()
        return self

    def __enter__(self) -> PtyApp:
        return self.start() if not self.pid else self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def alive(self) -> bool:
        """The program has not exited yet."""
        if not self.pid:
            return False
        try:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            return False
        if done:
            self.pid = 0
        return not done

    def close(self, grace: float = 2.0) -> None:
        """End the program (SIGTERM to its process group, then SIGKILL) and close the terminal."""
        if self.pid:
            pid = self.pid
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGTERM)
            deadline = time.monotonic() + grace
            while time.monotonic() < deadline and self.alive():
                time.sleep(0.02)
            if self.pid:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(pid, signal.SIGKILL)
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, 0)
                self.pid = 0
        if self.master >= 0:
            with contextlib.suppress(OSError):
                os.close(self.master)
            self.master = -1
        self._closed.wait(1.0)

    def cpu_seconds(self) -> float | None:
        """CPU time the program has used so far (None where ``/proc`` does not say)."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wait_idle(self, timeout: float = 60.0, window: float = 0.5, busy: float = 0.05) -> float | None:
        """Block until the program uses under ``busy`` of a CPU for ``window`` seconds.

        Returns the moment that quiet window began (``time.monotonic()``); None if
        the CPU time cannot be read or the program never went quiet in ``timeout``.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            began, used = time.monotonic(), self.cpu_seconds()
            if used is None:
                return None
            time.sleep(window)
            later = self.cpu_seconds()
            if later is None:
                return None
            if later - used < busy * (time.monotonic() - began):
                return began
        return None

    # -- the terminal -----------------------------------------------------------------------

    def _read(self) -> None:
        size = 1 << 16 if self.rate is None else max(64, self.rate // 50)  # 20 ms of the link
        try:
            while True:
                try:
                    data = os.read(self.master, size)
                except OSError:  # EIO: the program closed its side (exited)
                    break
                if not data:
                    break
                if self.rate is not None:  # the link's time for these bytes
                    time.sleep(len(data) / self.rate)
                self._chunks.put((time.monotonic(), data))
        finally:
            self._chunks.put(None)

    def _parse(self) -> None:
        try:
            while (item := self._chunks.get()) is not None:
                arrived, data = item
                with self._lock:
                    self._stream.feed(data)
                    self.bytes_read += len(data)
                    self._last_chunk_at = arrived
                    if self.history is not None:
                        self.history.append((arrived, list(self.screen.display)))
                    waiter = self._waiter
                    if waiter is not None and waiter.seen is None and waiter.test(self.screen.display):
                        waiter.seen = arrived
                        waiter.done.set()
        finally:
            self._closed.set()
            with self._lock:
                if self._waiter is not None:
                    self._waiter.done.set()

    def text(self) -> str:
        """The screen as it is now, one line per terminal line."""
        with self._lock:
            return "\n".join(line.rstrip() for line in self.screen.display)

    # -- keys and expectations --------------------------------------------------------------

    def press(self, *keys: str) -> float:
        """Send each key in turn; returns ``time.monotonic()`` just before the last was written."""
        sent = time.monotonic()
        for key in keys:
            data = key_bytes(key)
            sent = time.monotonic()
            os.write(self.master, data)
        return sent

    def type(self, text: str) -> float:
        """Send each character of ``text`` as a key; returns when the last was sent."""
        return self.press(*text)

    def expect(self, expect: Expectation) -> _Waiter:
        """Start watching for ``expect`` now (before a key is sent); see :meth:`seen`."""
        waiter = _Waiter(matcher(expect))
        with self._lock:
            if self._waiter is not None and self._waiter.seen is None:
                raise RuntimeError("one expectation at a time")
            self._waiter = waiter
            if waiter.test(self.screen.display):
                waiter.seen = self._last_chunk_at
                waiter.done.set()
        return waiter

    def seen(self, waiter: _Waiter, timeout: float, what: str = "") -> float:
        """The moment the expectation was first on screen; TimeoutError (the program ended) if not."""
        waiter.done.wait(timeout)
        with self._lock:
            if self._waiter is waiter:
                self._waiter = None
        if waiter.seen is None:
            state = "the program exited" if self._closed.is_set() else f"not within {timeout:g} s"
            self.close()
            raise TimeoutError(f"{what or 'the expected text'}: {state}; the screen was:\n{self.text()}")
        return waiter.seen

    def wait_for(self, expect: Expectation, timeout: float = 30.0, what: str = "") -> float:
        """Block until ``expect`` is on screen; returns that moment (``time.monotonic()``).

        Already on screen: the moment of the last output. On timeout the program is
        ended and TimeoutError says what the screen showed.
        """
        return self.seen(self.expect(expect), timeout, what)

    def key_to_screen(self, key: str, expect: Expectation, timeout: float = 30.0,
                      what: str = "") -> float:
        """Seconds from sending ``key`` to ``expect`` on screen (watched from before the key)."""
        waiter = self.expect(expect)
        if waiter.seen is not None:
            with self._lock:
                self._waiter = None
            raise RuntimeError(f"{what or key}: the expected text is on screen before the key")
        sent = self.press(key)
        return self.seen(waiter, timeout, what or key) - sent
