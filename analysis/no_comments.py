"""Whether a reply has nothing to add ("ingen bemærkninger"), judged once when the reply is
derived and stored with its derived fields (Proposal.no_comments, the flag "ingen
bemærkninger"): the notat's introduction and party list, the exports and the desk all read
that one value. Pure: texts in, a boolean out.

A reply that proposes has comments. Else it has none when its short mail says so
(analysis/cleaning.py), or when it remarks nothing but that and its mail or an attached
letter says so: a cover note's letter ("Vedlagt vores svar" with a PDF that says "ingen
bemærkninger") or a subordinate clause ("skal meddele, at styrelsen ikke har bemærkninger").
"""

from __future__ import annotations

from collections.abc import Sequence

from hoering.analysis.initiative_text import NO_COMMENTS as SAYS_NO_COMMENTS
from hoering.analysis.initiative_text import PROPOSING
from hoering.analysis.summary import sentences

# Outlook's winmail.dat repeats the body (its RTF file is listed on its own); a forwarded
# .eml is already part of the reply's own words.
NOT_A_DOCUMENT = ("tnef", "message")


def has_no_comments(
    flagged: bool, initiatives: Sequence[str], remarks: str, texts: Sequence[str]
) -> bool:
    """Never with `initiatives` ("Vi foreslår et lobbyregister. Ellers ingen bemærkninger.");
    else `flagged` (the short mail says so), or no remark but saying so and one of `texts`
    (the reply's own words, its attached letters) says so without proposing."""
    if initiatives or flagged:
        return not initiatives
    # Remarks that only say so ("..., at styrelsen ikke har bemærkninger") are no remarks.
    if any(not SAYS_NO_COMMENTS.search(said) for said in sentences(remarks)):
        return False
    said = [sentence for text in texts for sentence in sentences(text)]
    says = [bool(SAYS_NO_COMMENTS.search(sentence)) for sentence in said]
    # "Vi foreslår et lobbyregister. Ellers ingen bemærkninger." proposes all the same; "...
    # skal meddele, at vi ikke har bemærkninger" does not.
    proposes = any(PROPOSING.search(s) for s, no in zip(said, says, strict=True) if not no)
    return any(says) and not proposes
