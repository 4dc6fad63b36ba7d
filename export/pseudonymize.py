"""A borger's texts with everything that names them replaced (README "Personal data in
exports", issue 20 item 4).

The people: the sender (or, for a letter sent on by an office, the citizen), whoever
signs with them ("Karen Dalsgaard og Poul Erik Thygesen" under "Med venlig hilsen"; the
name before a signature line's address), relatives they name ("min mand, Torben
Ravnsholt") and names joined to theirs by "og": `people_named` reads them once per reply.
Every text then goes through `pseudonymize_text`, which works on its lines before anything
joins them:
- the sender's address, every e-mail address, phone number, CPR-like run and street
  address become markers (analysis/personal_data.py);
- in a contact block (consecutive lines holding a marker or the pseudonym: a signature, a
  letterhead, "Navn · Vej 9 · 4000 By"), a line or segment shaped "Name Number[, floor]" is
  a street line even without a known street word or postcode, also between commas ("Jens
  Hviid, Slotsholmen 4, 1. tv., 22334455"), and a bare run of 8 digits is a phone number;
  in running text a street after "bor på", "bosat i", "adresse:" is one too;
- each full name, then each part of it, is replaced as a whole word in any case and in its
  ASCII spellings (ø as oe or o, æ as ae or a, å as aa or a): "forslag-jonas-kjaergaard.pdf",
  "Hoeringssvar_Soeren_Groenbech.pdf". A part that is also an ordinary Danish word (Skov,
  Lund, Holm, Have) is replaced only where it is written as a name (capitalized) or stands
  next to the pseudonym ("kirsten bak holm" in a file name) or is spelt in ASCII
  ("laerkes_forslag.txt"): "vil gerne have" stays; each half of a double name goes, and the
  initials of a name of three words or more ("SKG");
- a private sender's own mail domain ("hberg.dk") is removed; webmail domains stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from hoering.analysis.personal_data import (
    ADDRESS,
    EMAIL,
    MARKERS,
    PHONE,
    STREET_LINE,
    redact,
)
from hoering.analysis.respondent import WEBMAIL_DOMAINS

# Surnames and first names that are also ordinary Danish words, lower case.
# fmt: off
ORDINARY_WORDS = frozenset({
    "ager", "bak", "bang", "birk", "bjerg", "bo", "bonde", "bro", "by", "bach", "dal", "dam",
    "due", "eg", "eng", "falk", "frost", "gram", "hald", "have", "hede", "hjort", "holm",
    "holt", "hvid", "høj", "kirk", "kjær", "kok", "krog", "lind", "liv", "lund", "lykke",
    "lyng", "lærke", "mark", "mose", "møller", "nord", "per", "ravn", "rose", "sand", "skov",
    "smed", "sol", "sommer", "sten", "storm", "strand", "sø", "toft", "ulv", "vang", "vest",
    "vinter", "ørn", "øst",
})
# fmt: on
_NAME_WORD = r"[A-ZÆØÅ][a-zæøåéüö]+(?:-[A-ZÆØÅ][a-zæøåéüö]+)?"
_PERSON = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}}"
_NAME_LINE = re.compile(
    rf"^[ \t]*(?P<list>{_PERSON}(?:[ \t]*(?:,|\bog\b|&)[ \t]*{_PERSON})*)[ \t]*[.,]?[ \t]*$"
)
_CLOSING = re.compile(
    r"(?i)^[ \t]*(?:(?:med\s+)?(?:venlig(?:st|e)?|de\s+bedste|bedste|mange|kærlig(?:e)?)\s+)?"
    r"(?:hilsen|hilsner)\b[ \t,]*|^[ \t]*(?:mvh|vh|kh)\b\.?[ \t,]*"
)
_CLOSING_REACH = 4  # non-blank lines after a closing that may name the signers
_NAME_PART = re.compile(r"^[A-ZÆØÅ][\wæøåéü'-]*\.?$")
_PARTICLES = {"af", "de", "van", "von", "la", "le", "du", "der"}
# Words that make a line an office, not a person ("Borgerservice Aarhus", "Vejle Bibliotekerne").
_NOT_A_PERSON = re.compile(
    r"(?i)kommune|region|bibliotek|borgerservice|styrelse|ministeri|forening|forbund|råd\b"
    r"|sekretariat|afdeling|center|centret|institut|universitet|a/s|aps|danmark"
)
_SEGMENTS = re.compile(r"[ \t]+[·•|][ \t]+")
_FIRST_SEGMENT = re.compile(r"[ \t]+[·•|][ \t]+|,[ \t]+")
_RELATIVES = (
    r"mand|kone|hustru|ægtefælle|samlever|kæreste|partner|søn|datter|mor|far|bror|søster"
    r"|nabo|naboer|genbo|kollega|ven|veninde|svoger|svigerinde|svigermor|svigerfar|barnebarn"
)
_RELATIVE = re.compile(
    rf"(?i:\b(?:min|mit|mine|vores)[ \t]+(?:{_RELATIVES})\b,?[ \t]+)(?P<name>{_PERSON})"
)
# "bor på Slotsholmen 4": a street named in a sentence, whatever its name ends in.
_LIVES_AT = re.compile(
    r"(?i)\b(?:bor|bosat|boende)[ \t]+(?:på|i)[ \t]+|\badressen?(?:[ \t]+er[ \t]+|[ \t]*:[ \t]*)"
)
_BARE_NUMBER = re.compile(r"^[ \t]*(?:\+45[ \t]?)?\d\d(?:[ \t.-]?\d\d){3}[ \t]*$")
_ASCII = (("æ", ("ae", "a")), ("ø", ("oe", "o")), ("å", ("aa", "a")), ("é", ("e",)),
          ("ü", ("ue", "u")), ("ö", ("oe", "o")))  # fmt: skip


def is_office(name: str) -> bool:
    """Whether a sender's name is an office ("Vejle Bibliotekerne", "Borgerservice Aarhus")
    that passed a citizen's letter on: its name is no person's and stays."""
    return bool(_NOT_A_PERSON.search(name))


def people_named(names: Iterable[str], texts: Iterable[str]) -> list[str]:
    """The given names (but offices), whoever signs with them in the texts' closings, and
    the relatives they name ("på vegne af min mand, Torben Ravnsholt")."""
    people = [n.strip() for n in names if n and n.strip() and not is_office(n)]
    texts = [text or "" for text in texts]
    for text in texts:
        people += signers(text)
        people += relatives(text)
    for text in texts:  # after the signers: "Henriette og Kasper Bundgaard" names both
        people += joined(text, people)
    return list(dict.fromkeys(people))


def joined(text: str, people: Sequence[str]) -> list[str]:
    """Full names joined by "og" or "&" to a known person's name ("Vi er Hanne og Ole
    Kragh", "Henriette Aagaard og Kasper Bundgaard foreslår"): they write together."""
    parts = name_parts(people)
    if not parts:
        return []
    known = "|".join(re.escape(p) for p in parts)
    pattern = rf"\b(?:{known})[ \t]+(?:og|&)[ \t]+(?P<name>{_PERSON})"
    found = []
    for match in re.finditer(pattern, text):
        name = match["name"]
        if len(name.split()) >= 2 and not _NOT_A_PERSON.search(name):
            found.append(name)
    return found


def relatives(text: str) -> list[str]:
    """Full names right after a word for a relative or neighbour ("min mand, Torben
    Ravnsholt", "sammen med min nabo Kasper Bundgaard"): a citizen writes with them."""
    found: list[str] = []
    for match in _RELATIVE.finditer(text):
        name = match["name"]
        if len(name.split()) >= 2 and not _NOT_A_PERSON.search(name):
            found.append(name)
    return found


def signers(text: str) -> list[str]:
    """Names on the lines right after a closing ("Med venlig hilsen\\nKaren Dalsgaard og Poul
    Erik Thygesen"), a shared surname given to each ("Lene og Torben Have")."""
    found: list[str] = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        closing = _CLOSING.match(line)
        if not closing:
            continue
        after = [line[closing.end() :], *lines[index + 1 :]]
        candidates = [c for c in after if c.strip()][: _CLOSING_REACH + 1]
        for candidate in candidates:
            # "Jonna Kvist Thrane · Egebæksvej 3", "Jens Hviid, Slotsholmen 4": the name
            # before a signature line's address and number.
            for form in dict.fromkeys((candidate, _FIRST_SEGMENT.split(candidate)[0])):
                match = _NAME_LINE.match(form)
                if match and not _NOT_A_PERSON.search(form):
                    found += _split_names(match["list"])
                    break
    return found


def _split_names(listed: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"\s*(?:,|\bog\b|&)\s*", listed) if p.strip()]
    if len(parts) == 1 and len(parts[0].split()) < 2:
        return []  # one word ("Ribe", "Jonas") is no name to look for on its own
    surname = parts[-1].split()[-1]
    return [p if len(p.split()) > 1 else f"{p} {surname}" for p in parts]


def name_parts(names: Iterable[str]) -> list[str]:
    """The words of each person's name ("Søren Ærø Jørgensen" -> Søren, Ærø, Jørgensen):
    a signature says "Mvh Søren", a text "Jørgensens forslag"."""
    parts: set[str] = set()
    for name in names:
        words = name.split()
        if 2 <= len(words) <= 5 and all(_NAME_PART.match(w) or w in _PARTICLES for w in words):
            parts.update(w.rstrip(".") for w in words if w not in _PARTICLES and len(w) >= 2)
            # "Familien Aagaard" of Henriette Aagaard-Holm: each half of a double name.
            parts.update(h for w in words if "-" in w for h in w.split("-") if len(h) >= 2)
    return sorted(parts, key=len, reverse=True)


def spellings(word: str) -> list[str]:
    """The word and its ASCII spellings ("Grønbech", "Groenbech", "Gronbech")."""
    forms = {word}
    for letter, replacements in _ASCII:
        for form in list(forms):
            for upper in (False, True):
                source = letter.upper() if upper else letter
                if source in form:
                    forms |= {form.replace(source, r.capitalize() if upper else r)
                              for r in replacements}  # fmt: skip
    return sorted(forms, key=len, reverse=True)


def _whole(word: str) -> str:
    # "_" is a boundary too: file names such as "Høringssvar_Ida_Rasmussen.pdf".
    return rf"(?<![^\W_]){word}(?![^\W_])"


def replace_names(text: str, names: Iterable[str], pseudonym: str) -> str:
    """Each full name, then each part of it, replaced by the pseudonym (see the docstring)."""
    names = list(names)
    for name in sorted({n.strip() for n in names if len(n.strip()) >= 3}, key=len, reverse=True):
        for form in spellings(name):
            pattern = _whole(r"\s+".join(re.escape(w) for w in form.split()))
            text = re.sub(pattern, pseudonym, text, flags=re.IGNORECASE)
    for initials in _initials(names):  # "SKG" under a note by Søren Kjær Grønbech
        text = re.sub(_whole(initials), pseudonym, text)
    parts = name_parts(names)
    ordinary = [p for p in parts if p.lower() in ORDINARY_WORDS]
    for part in (p for p in parts if p not in ordinary):
        for form in spellings(part):
            text = re.sub(_whole(rf"{re.escape(form)}(s?)"), rf"{pseudonym}\1", text,
                          flags=re.IGNORECASE)  # fmt: skip
    for part in ordinary:
        # Written as a name: "Skov", "SKOV" (not "skov").
        for form in {part, part.upper()}:
            text = re.sub(_whole(rf"{re.escape(form)}(s?)"), rf"{pseudonym}\1", text)
        # Spelt in ASCII, the word is the name ("laerkes_forslag.txt", "_kjaer_"): nobody
        # writes the ordinary word "lærke" so in a sentence.
        for form in (f for f in spellings(part) if f != part and len(f) >= 4):
            text = re.sub(_whole(rf"{re.escape(form)}(s?)"), rf"{pseudonym}\1", text,
                          flags=re.IGNORECASE)  # fmt: skip
        # Beside the pseudonym in any case: "Borger 3 bak holm" (a lower-case file name).
        beside = rf"({re.escape(pseudonym)})(?:[ \t_.-]+{re.escape(part)}s?(?![^\W_]))+"
        text = re.sub(beside, r"\1", text, flags=re.IGNORECASE)
    return _merged(text, pseudonym)


def _initials(names: Iterable[str]) -> set[str]:
    """The initials of each name of three words or more ("SKG"); two letters ("EU", "IT")
    are too often something else."""
    found = set()
    for name in names:
        words = [w for w in re.split(r"[\s-]+", name) if w and w not in _PARTICLES]
        if len(words) >= 3 and all(_NAME_PART.match(w) for w in words):
            found.add("".join(w[0] for w in words).upper())
    return found


def _merged(text: str, pseudonym: str) -> str:
    """ "Borger 3 Borger 3" (first name and surname replaced apart) as one pseudonym."""
    twice = rf"{re.escape(pseudonym)}(?:[ \t_-]+{re.escape(pseudonym)})+"
    return re.sub(twice, pseudonym, text)


def contact_lines(text: str, pseudonym: str) -> str:
    """In each block of lines holding a marker or the pseudonym, street-shaped lines and
    segments become the address marker, bare 8-digit numbers the phone marker."""
    lines = text.split("\n")
    blocks: list[list[int]] = [[]]
    for index, line in enumerate(lines):
        if line.strip():
            blocks[-1].append(index)
        elif blocks[-1]:
            blocks.append([])
    for block in blocks:
        if any(_personal(lines[i], pseudonym) for i in block):
            for i in block:
                lines[i] = _contact_line(lines[i], pseudonym)
    return "\n".join(lines)


def _personal(line: str, pseudonym: str) -> bool:
    return pseudonym in line or any(marker in line for marker in MARKERS.values())


def _contact_line(line: str, pseudonym: str) -> str:
    segments = _SEGMENTS.split(line)
    separators = _SEGMENTS.findall(line)
    out = []
    for segment in segments:
        if STREET_LINE.fullmatch(segment) and pseudonym not in segment:
            segment = MARKERS[ADDRESS]  # (the pseudonym "Borger 3" has a street's shape)
        elif _BARE_NUMBER.fullmatch(segment):
            segment = MARKERS[PHONE]
        elif ", " in segment:
            segment = _comma_parts(segment, pseudonym)
        out.append(segment)
    joined = out[0]
    for separator, segment in zip(separators, out[1:], strict=True):
        joined += separator + segment
    return joined


def _comma_parts(segment: str, pseudonym: str) -> str:
    """A one-line signature ("Borger 2, Slotsholmen 4, 1. tv., 22334455"): the parts
    parted by commas that are a street (with its floor) or a bare number."""
    parts = segment.split(", ")
    out: list[str] = []
    index = 0
    while index < len(parts):
        for end in range(min(len(parts), index + 3), index, -1):
            joined = ", ".join(parts[index:end])
            if pseudonym not in joined and STREET_LINE.fullmatch(joined):
                out.append(MARKERS[ADDRESS])
                index = end
                break
        else:
            part = parts[index]
            out.append(MARKERS[PHONE] if _BARE_NUMBER.fullmatch(part) else part)
            index += 1
    return ", ".join(out)


def lived_at(text: str) -> str:
    """A street after "bor på", "bosat i", "adresse:" ("Jeg bor på Slotsholmen 4.")."""
    out: list[str] = []
    position = 0
    for lead in _LIVES_AT.finditer(text):
        if lead.start() < position:
            continue
        street = STREET_LINE.match(text, lead.end())
        if street is None or not street.group().strip():
            continue
        kept = street.group().rstrip(" \t,.")
        if not re.search(r"\d", kept):
            continue
        out += [text[position : lead.end()], MARKERS[ADDRESS]]
        position = lead.end() + len(kept)
    return "".join(out) + text[position:]


def own_domain(text: str, address: str, label: bool = True) -> str:
    """A private sender's own mail domain ("hberg.dk", and with `label` "hberg"), unless
    it is webmail."""
    domain = address.strip().lower().rpartition("@")[2]
    if not domain or domain in WEBMAIL_DOMAINS or "." not in domain:
        return text
    name = domain.split(".")[0]
    for word in (domain, name) if label and len(name) >= 3 else (domain,):
        text = re.sub(_whole(re.escape(word)), MARKERS[EMAIL], text, flags=re.IGNORECASE)
    return text


def pseudonymize_text(text: str, names: Sequence[str], pseudonym: str, address: str) -> str:
    """A borger's text with their name, and every e-mail, phone and street address, replaced."""
    if not text:
        return text
    text = replace_address(text, address)
    text = redact(text, cpr=False, phone=True, email=True, address=True)
    text = lived_at(text)
    # The domain, then the names, then the domain's bare label: "Kragh" of obk@kragh.dk in
    # "Ole Kragh" is the person, not an address.
    text = own_domain(text, address, label=False)
    text = replace_names(text, names, pseudonym)
    text = own_domain(text, address)
    return contact_lines(text, pseudonym)


def replace_address(text: str, address: str) -> str:
    """Every occurrence of the address (any case) replaced by the e-mail marker."""
    if not address.strip():
        return text
    return re.sub(re.escape(address.strip()), MARKERS[EMAIL], text, flags=re.IGNORECASE)
