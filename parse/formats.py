"""Which extractor reads which sniffed type, with the inputs each needs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hoering.parse.archive import extract_zip
from hoering.parse.charset import guess_charset
from hoering.parse.doc import extract_doc_text
from hoering.parse.docx import extract_docx
from hoering.parse.extracted import Extracted, Member
from hoering.parse.image import extract_image_text
from hoering.parse.limits import Budget, ExtractLimits
from hoering.parse.msg import extract_msg_parts
from hoering.parse.odf import extract_odf
from hoering.parse.pdf import extract_pdf
from hoering.parse.pptx import extract_pptx_text
from hoering.parse.rtf import extract_rtf_text
from hoering.parse.text import decode_text, html_to_text, normalize_text
from hoering.parse.tnef import extract_tnef_parts
from hoering.parse.wordperfect import extract_wordperfect_text
from hoering.parse.xls import extract_xls_text
from hoering.parse.xlsx import extract_xlsx_text

CONTAINERS = frozenset({"zip", "msg", "tnef"})
_UTF8_OR_BOM = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


@dataclass
class Job:
    """One extraction: its limits, how many containers enclose this file, what is left."""

    limits: ExtractLimits
    budget: Budget
    depth: int = 0

    def deeper(self) -> Job:
        return Job(self.limits, self.budget, self.depth + 1)


Reader = Callable[[bytes, "str | None", Job], Extracted]


def _text(payload: bytes, charset: str | None, job: Job) -> Extracted:
    if charset is None and not payload.startswith(_UTF8_OR_BOM) and not _is_utf8(payload):
        charset = guess_charset(payload)
    decoded, warning = decode_text(payload, charset)
    # A charset guess is only worth reporting when bytes were lost.
    lossy = warning is not None and "replaced" in warning
    return Extracted(normalize_text(decoded), "decoded", warning if lossy else None)


def _html(payload: bytes, charset: str | None, job: Job) -> Extracted:
    decoded, warning = decode_text(payload, charset)
    lossy = warning is not None and "replaced" in warning
    return Extracted(html_to_text(decoded), "html", warning if lossy else None)


def _image(payload: bytes, job: Job) -> Extracted:
    return extract_image_text(payload, job.limits, job.budget.ocr_deadline)


def _is_utf8(payload: bytes) -> bool:
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _budgeted(result: Extracted, budget: Budget) -> Extracted:
    """Members within the archive limits; the ones over it named in the error."""
    kept: list[Member] = []
    over: list[str] = []
    for member in result.members:
        if budget.take(len(member.payload)) is None:
            kept.append(member)
        else:
            over.append(member.name)
    if not over:
        return result
    note = f"limit reached: {len(over)} attachment(s) not read"
    error = "; ".join(filter(None, [result.error, note]))
    return Extracted(result.text, result.method, error, tuple(kept))


READERS: dict[str, Reader] = {
    "pdf": lambda data, _charset, job: extract_pdf(data, job.limits, job.budget.ocr_deadline),
    "docx": lambda data, _charset, job: extract_docx(data, job.limits, job.budget.ocr_deadline),
    "xlsx": lambda data, _charset, job: Extracted(extract_xlsx_text(data, job.limits), "xlsx"),
    "xls": lambda data, _charset, _job: Extracted(extract_xls_text(data), "xls"),
    "pptx": lambda data, _charset, job: Extracted(extract_pptx_text(data, job.limits), "pptx"),
    "odt": lambda data, _charset, job: extract_odf(data, job.limits, job.budget.ocr_deadline),
    "ods": lambda data, _charset, job: extract_odf(data, job.limits, job.budget.ocr_deadline),
    "odp": lambda data, _charset, job: extract_odf(data, job.limits, job.budget.ocr_deadline),
    "rtf": lambda data, _charset, _job: Extracted(extract_rtf_text(data), "rtf"),
    "doc": lambda data, _charset, _job: Extracted(extract_doc_text(data), "catdoc"),
    "wordperfect": lambda data, _ch, _job: Extracted(extract_wordperfect_text(data), "wpd2text"),
    "msg": lambda data, _charset, job: _budgeted(extract_msg_parts(data), job.budget),
    "tnef": lambda data, _charset, job: _budgeted(extract_tnef_parts(data), job.budget),
    "zip": lambda data, _charset, job: extract_zip(data, job.limits, job.budget),
    "png": lambda data, _charset, job: _image(data, job),
    "jpeg": lambda data, _charset, job: _image(data, job),
    "gif": lambda data, _charset, job: _image(data, job),
    "tiff": lambda data, _charset, job: _image(data, job),
    "bmp": lambda data, _charset, job: _image(data, job),
    "text": _text,
    "html": _html,
}
