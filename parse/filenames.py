"""Make attachment file names safe to show and store."""

from __future__ import annotations

import re
import unicodedata

MAX_BYTES = 200  # UTF-8 bytes; leaves room under the common 255-byte file-system limit
_MAX_EXTENSION = 16
_DRIVE = re.compile(r"^[A-Za-z]:")


def sanitize_filename(name: str) -> str:
    """Return the bare file name: no directories, control characters or runs of spaces.

    Returns "" when nothing usable remains; callers then name the file themselves.
    """
    name = unicodedata.normalize("NFC", name)
    name = "".join(" " if ch.isspace() else ch for ch in name if not _is_control(ch))
    # Windows mailers send full paths (C:\\TEMP\\nsmail.png); attackers send ../../.
    name = _DRIVE.sub("", name.replace("\\", "/").rsplit("/", 1)[-1])
    name = " ".join(name.split())
    # Windows drops trailing dots and spaces, so "x.pdf." and "x.pdf" are the same file.
    name = name.rstrip(". ")
    if not name.strip("."):
        return ""
    return _truncate(name)


def _is_control(ch: str) -> bool:
    """Control and format characters, including bidi overrides that disguise extensions."""
    return unicodedata.category(ch) in ("Cc", "Cf") and not ch.isspace()


def _truncate(name: str) -> str:
    """Shorten to MAX_BYTES of UTF-8, keeping a short extension."""
    if len(name.encode("utf-8")) <= MAX_BYTES:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext) > _MAX_EXTENSION or " " in ext:
        stem, dot, ext = name, "", ""
    budget = MAX_BYTES - len((dot + ext).encode("utf-8"))
    stem = stem.encode("utf-8")[:budget].decode("utf-8", errors="ignore").rstrip(". ")
    return unicodedata.normalize("NFC", stem + dot + ext)


def sanitize_member_path(name: str) -> str:
    """A path inside an archive made safe: each part sanitized, no "..", "." or root.

    Returns "" when nothing usable remains. "../../etc/passwd" becomes "etc/passwd".
    """
    parts = (sanitize_filename(part) for part in name.replace("\\", "/").split("/"))
    return "/".join(part for part in parts if part)


# Names Windows reserves for devices, with or without an extension ("NUL.txt" too), in any
# case; Windows 10 counts COM¹-COM³ and LPT¹-LPT³ as well.
_RESERVED = re.compile(r"^(?:CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$", re.IGNORECASE)
_NOT_ON_WINDOWS = re.compile(r'[<>:"/\\|?*]')


def portable_filename(name: str) -> str:
    """`name` made safe to write on a Windows share: no `<>:"/\\|?*`, no device names.

    "Svar: OGP?.pdf" becomes "Svar_ OGP_.pdf", "NUL.txt" "NUL_.txt", "con" "con_".
    """
    name = _NOT_ON_WINDOWS.sub("_", sanitize_filename(name))
    stem, dot, rest = name.partition(".")
    if _RESERVED.match(stem.rstrip(" ")):
        name = f"{stem.rstrip(' ')}_{dot}{rest}"
    return name
