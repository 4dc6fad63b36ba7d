"""ZIP archives: members read with limits on count, total size and compression ratio."""

from __future__ import annotations

import io
import zipfile
import zlib

from hoering.parse.extracted import Extracted, ExtractionError, Member
from hoering.parse.filenames import sanitize_member_path
from hoering.parse.limits import MIB, Budget, ExtractLimits

# A tiny member packed tightly is harmless (a 2 kB file of zeros), and so is an archive
# that unpacks to little in all. The floors were 1 MiB per member with no total: 200
# members of 1 MB each, packed into a 0.97 MB mail, unpacked to 195 MB of text.
RATIO_FLOOR = 64 * 1024
TOTAL_RATIO_FLOOR = MIB
_SHOWN = 5  # skipped names listed in the reason


def extract_zip(data: bytes, limits: ExtractLimits, budget: Budget) -> Extracted:
    """The archive's files as members; skipped ones are named in the error."""
    archive = open_zip(data)
    members: list[Member] = []
    skipped: dict[str, list[str]] = {}
    unpacked = 0  # bytes of the members read so far
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            reason = (
                _refusal(info, limits)
                or _total_refusal(unpacked + info.file_size, len(data), limits)
                or budget.take(info.file_size)
            )
            if reason is None:
                member, reason = _read(archive, info)
                if member is not None:
                    members.append(member)
                    unpacked += len(member.payload)
            if reason is not None:
                skipped.setdefault(reason, []).append(info.filename)
    if not members and not skipped:
        raise ExtractionError("empty archive")
    return Extracted("", "zip", _skipped_reason(skipped), tuple(members))


def open_zip(data: bytes) -> zipfile.ZipFile:
    """The archive, member names without the UTF-8 flag read as cp850; ExtractionError."""
    try:
        # Windows Explorer writes names in the OEM code page: cp850 in Denmark (ø is
        # 0x9B there, ¢ in zipfile's default cp437).
        return zipfile.ZipFile(io.BytesIO(data), metadata_encoding="cp850")
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise ExtractionError("not a valid zip archive") from None


def check_unpacked_size(archive: zipfile.ZipFile, limits: ExtractLimits) -> None:
    """Refuse a package (docx, odt, xlsx) whose parts unpack to more than the archive limit."""
    total = sum(info.file_size for info in archive.infolist())
    if total > limits.archive_total_bytes:
        raise ExtractionError(
            f"unpacks to {total // MIB} MB, over the {limits.archive_total_bytes // MIB} MB limit"
        )


def _refusal(info: zipfile.ZipInfo, limits: ExtractLimits) -> str | None:
    if info.flag_bits & 0x1:
        return "encrypted"
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_FLOOR and ratio > limits.compression_ratio:
        return f"compression ratio over {limits.compression_ratio} (zip bomb?)"
    return None


def _total_refusal(unpacked: int, packed: int, limits: ExtractLimits) -> str | None:
    """Many small members can be a bomb together: the ratio limit holds for the total too."""
    if unpacked > TOTAL_RATIO_FLOOR and unpacked / max(packed, 1) > limits.compression_ratio:
        return f"archive unpacks to over {limits.compression_ratio} times its size (zip bomb?)"
    return None


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[Member | None, str | None]:
    """The member's bytes, or why they could not be read."""
    try:
        payload = archive.read(info)
    except NotImplementedError:
        return None, "unsupported compression method"
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        return None, "damaged"
    except RuntimeError:  # zipfile: a member encrypted without the flag bit set
        return None, "encrypted"
    return Member(info.filename, payload), None


def _skipped_reason(skipped: dict[str, list[str]]) -> str | None:
    """One reason per kind of skip, naming the first few files; None if none skipped."""
    if not skipped:
        return None
    parts = []
    for reason, names in skipped.items():
        shown = ", ".join(sanitize_member_path(name) for name in names[:_SHOWN])
        if len(names) > _SHOWN:
            shown += f" and {len(names) - _SHOWN} more"
        parts.append(f"{reason}: {len(names)} file(s) not read ({shown})")
    return "; ".join(parts)
