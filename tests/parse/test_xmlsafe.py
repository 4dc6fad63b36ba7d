"""XML from untrusted documents: no entity expansion, no DTDs, no network."""

from __future__ import annotations

import pytest

from hoering.parse.extracted import ExtractionError
from hoering.parse.xmlsafe import parse_xml
from tests.kit.office_files import BILLION_LAUGHS


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(ExtractionError, match="DTD refused"):
        parse_xml((BILLION_LAUGHS + "<a>&lol9;</a>").encode())


def test_external_entity_is_refused() -> None:
    xxe = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>'
    with pytest.raises(ExtractionError, match="DTD refused"):
        parse_xml(xxe)


def test_dtd_hidden_in_utf16_is_refused_after_parsing() -> None:
    # The byte check cannot see "<!DOCTYPE" in UTF-16; the parsed tree still shows the DTD.
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ELEMENT a ANY>]><a>x</a>'
    with pytest.raises(ExtractionError, match="DTD refused"):
        parse_xml(xml.encode("utf-16"))


def test_malformed_xml_is_damaged() -> None:
    with pytest.raises(ExtractionError, match=r"^damaged \(invalid XML\)$"):
        parse_xml(b"<a><b></a>")
