"""Scanned PDFs through Tesseract's Vietnamese model, when it is installed.

Optional by design: OCR is slow and its text is only as good as the scan, so a
scanned PDF without Tesseract is recorded as `needs_ocr` (with its page count),
never read as an empty document. Pages are rendered by pdfium in grey at 300 dpi
and handed to `tesseract` as PGM on its standard input, one thread each (documents
are parsed side by side already; Tesseract's own OpenMP threads made a page take
10.3 s instead of 1.8 s on two cores).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache

from baocao.parsers.document import UnreadableFile

DPI = 300


@cache
def ocr_ready(language: str = "vie") -> bool:
    """True when `tesseract` is on PATH and has the language's model."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        listed = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    langs = listed.stdout.decode("utf-8", "replace").split()
    return language in langs


def ocr_pdf(raw: bytes, language: str = "vie", timeout: float = 120.0) -> tuple[str, int]:
    """The text of each page, pages parted by a blank line; and the page count."""
    from baocao.parsers.pdf import open_pdf

    pdf = open_pdf(raw)
    texts = []
    try:
        for i in range(len(pdf)):
            texts.append(_ocr_page(pdf[i], language, timeout))
        return "\n\n".join(texts), len(pdf)
    finally:
        pdf.close()


def _ocr_page(page, language: str, timeout: float) -> str:
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    data = bytes(bitmap.buffer)
    rows = b"".join(data[y * stride : y * stride + width] for y in range(height))
    pgm = f"P5\n{width} {height}\n255\n".encode() + rows
    cmd = ["tesseract", "stdin", "stdout", "-l", language]
    env = {"OMP_THREAD_LIMIT": "1", **os.environ}  # its OpenMP threads cost 6× on 2 cores
    try:
        done = subprocess.run(cmd, input=pgm, capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        raise UnreadableFile("ocr", f"Tesseract took over {timeout:.0f} s on a page") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UnreadableFile(
            "ocr", f"Tesseract failed ({said[-1][:120] if said else done.returncode})"
        )
    return done.stdout.decode("utf-8", "replace")
