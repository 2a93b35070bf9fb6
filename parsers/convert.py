"""Word 97-2003 (`.doc`) and RTF files through LibreOffice, into DOCX.

No maintained Python library reads the old binary format well; LibreOffice does,
as a separate program (`soffice --headless --convert-to docx`). It is optional:
without it a `.doc` is recorded with a one-line error naming what to install,
and its bytes stay in the archive for a later run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from baocao.parsers.document import UnreadableFile

INSTALL = (
    "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui) or set doc_converter"
)


def converter_path(configured: str = "") -> str | None:
    if configured:
        return shutil.which(configured) or (configured if Path(configured).is_file() else None)
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(raw: bytes, fmt: str, configured: str = "", timeout: float = 120.0) -> bytes:
    """The file's DOCX, as LibreOffice writes it."""
    exe = converter_path(configured)
    if exe is None:
        what = f"{configured!r} not found" if configured else "no LibreOffice found"
        raise UnreadableFile(
            "converter", f"reading .{fmt} files needs LibreOffice ({what}): {INSTALL}"
        )
    with tempfile.TemporaryDirectory(prefix="baocao-convert-") as tmp:
        src = Path(tmp, f"document.{fmt}")
        src.write_bytes(raw)
        cmd = [
            exe,
            f"-env:UserInstallation={_profile().as_uri()}",
            "--headless", "--norestore", "--nologo", "--nolockcheck",
            "--convert-to", "docx", "--outdir", tmp, str(src),
        ]  # fmt: skip
        try:
            done = subprocess.run(
                cmd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired:
            raise UnreadableFile("converter", f"LibreOffice took over {timeout:.0f} s") from None
        out = Path(tmp, "document.docx")
        if not out.exists():
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
            said = said.splitlines()[-1][:120] if said else f"exit {done.returncode}"
            raise UnreadableFile("file", f"LibreOffice could not read the .{fmt} file ({said})")
        return out.read_bytes()


def _profile() -> Path:
    """A LibreOffice profile of this process's own: two instances sharing one block
    each other, and the user's own profile is no business of a harvest's."""
    return Path(tempfile.gettempdir(), f"baocao-libreoffice-{os.getuid()}-{os.getpid()}")
