"""The HTML report in a real browser: headless Chromium renders it and prints it to PDF.

Skipped, with the reason, where Chromium (or poppler's pdftoppm) is not installed; in CI
(CI=true) that is a failure instead, since .ci/run installs both.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from tests.conftest import AS_OF, SAMPLE

from itroad.cli.report import browser_command, find_browser, print_pdf
from itroad.domain.models import Client, Contract, Renewal
from itroad.output.report import report_html
from itroad.planning.review import client_review
from itroad.safe_text import visible


def _needs(tool: str | None, what: str) -> str:
    if tool is None:
        reason = f"{what} is not installed: apt install {'chromium' if 'Chromium' in what else 'poppler-utils'}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (.ci/run installs it, so CI must have it)")
        pytest.skip(reason)
    return tool


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the rows of an 8-bit RGB or RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and colour in (2, 6) and interlace == 0
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + b) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, [bytes(r[i] for i in range(len(r)) if i % channels < 3) for r in rows]


def ink(rows: list[bytes]) -> float:
    """The share of pixels that are not white."""
    total = dark = 0
    for row in rows:
        for i in range(0, len(row), 3):
            total += 1
            dark += min(row[i:i + 3]) < 200
    return dark / total


@pytest.fixture(scope="module")
def page(tmp_path_factory, sample_portfolio) -> Path:
    harbor = next(c for c in sample_portfolio.clients if c.code == "harbor")
    path = tmp_path_factory.mktemp("browser") / "review.html"
    path.write_text(report_html(client_review(harbor, AS_OF), visible), encoding="utf-8")
    return path


def test_chromium_renders_the_report(page, tmp_path):
    browser = _needs(find_browser(), "Chromium")
    shot = tmp_path / "review.png"
    command = browser_command(browser, str(tmp_path / "profile"), "--hide-scrollbars",
                              "--window-size=1000,1400", f"--screenshot={shot}", page.as_uri())
    subprocess.run(command, capture_output=True, timeout=120, check=True, stdin=subprocess.DEVNULL)
    width, height, rows = decode_png(shot.read_bytes())
    assert (width, height) == (1000, 1400)
    # The title bar at the top is drawn (text and the accent rule), and the page is not blank.
    assert ink(rows[:120]) > 0.01
    assert 0.02 < ink(rows) < 0.6
    # The chart's bars (solid one-time blue) are on the page somewhere.
    blue = sum(1 for row in rows for i in range(0, len(row), 3) if row[i:i + 3] == b"\x1f\x4e\x8c")
    assert blue > 500


def test_chromium_prints_it_to_pdf_a_page_per_section(tmp_path):
    _needs(find_browser(), "Chromium")
    pdftoppm = _needs(shutil.which("pdftoppm"), "pdftoppm (poppler-utils)")
    db = tmp_path / "sample.db"
    run = [sys.executable, "-m", "itroad"]
    assert subprocess.run([*run, "import", "toml", str(SAMPLE), "--db", str(db)],
                          capture_output=True, timeout=120).returncode == 0
    pdf = tmp_path / "review.pdf"
    result = subprocess.run([*run, "report", "harbor", "--db", str(db), "--as-of", AS_OF.isoformat(),
                             "--format", "pdf", "-o", str(pdf)], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")
    subprocess.run([pdftoppm, "-r", "30", "-png", str(pdf), str(tmp_path / "page")],
                   capture_output=True, timeout=120, check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    # Six sections, each from a new page (the appendix of 31 assets may take more).
    assert len(pages) >= 6
    for png in pages:
        assert ink(decode_png(png.read_bytes())[2]) > 0.002, png.name


def test_a_long_unbroken_name_does_not_push_the_amounts_off_the_printed_page(tmp_path):
    """A name with no space to break at (a URL, a serial, a 200-character word) wraps inside
    its cell: the table keeps to the page and its amounts are printed."""
    _needs(find_browser(), "Chromium")
    pdftotext = _needs(shutil.which("pdftotext"), "pdftotext (poppler-utils)")
    long_name = "https://portal.vendor.example/" + "x" * 170
    client = Client(code="long", name="Long Names Ltd", fiscal_year_start_month=1,
                    renewals=[Renewal(name=long_name, unit_cost=Decimal("12345.67"), next_renewal="2026-12-20",
                                      auto_renew=True, notice_days=0)],
                    contracts=[Contract(title="W" * 200, start="2026-01-01", end="2027-01-31",
                                        amount=Decimal("7654.32"), notice_days=30)])
    pdf = tmp_path / "review.pdf"
    print_pdf(report_html(client_review(client, AS_OF), visible), pdf)
    first_page = subprocess.run([pdftotext, "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                                capture_output=True, text=True, timeout=120, check=True).stdout
    summary = first_page[first_page.index("The three biggest items"):]
    # The amounts and dates of the columns right of the names are on the page.
    assert "12,345.67" in summary and "2026-12-20" in summary
    assert "Amount" in summary and "Note" in summary


def test_a_pdf_gets_the_permissions_of_a_file_written_with_the_umask_or_of_the_one_it_replaces(tmp_path):
    _needs(find_browser(), "Chromium")
    html = report_html(client_review(Client(code="m", name="Mode Co", fiscal_year_start_month=1), AS_OF), visible)
    mask = os.umask(0o022)
    try:
        new = tmp_path / "new.pdf"
        print_pdf(html, new)
        assert new.stat().st_mode & 0o777 == 0o644  # as > FILE would, not a temp file's 0600
        old = tmp_path / "old.pdf"
        old.write_bytes(b"")
        old.chmod(0o640)
        print_pdf(html, old)
        assert old.stat().st_mode & 0o777 == 0o640 and old.read_bytes().startswith(b"%PDF-")
    finally:
        os.umask(mask)


def test_printed_tables_break_lines_between_words_only(sample_portfolio, tmp_path):
    """The appendix's ten columns are narrow on A4: its names wrap between words, never
    inside one ("coordi-nator"), while a run of 32 characters or more with no space may break."""
    _needs(find_browser(), "Chromium")
    pdftotext = _needs(shutil.which("pdftotext"), "pdftotext (poppler-utils)")
    harbor = next(c for c in sample_portfolio.clients if c.code == "harbor")
    pdf = tmp_path / "review.pdf"
    print_pdf(report_html(client_review(harbor, AS_OF), visible), pdf)
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, timeout=120,
                          check=True).stdout
    words = {w for a in harbor.assets for w in re.findall(r"[A-Za-z]{8,}", f"{a.name} {a.site or ''}")}
    assert words and sorted(w for w in words if w not in text) == []
