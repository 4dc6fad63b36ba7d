"""A candidate of the bruttoliste as people read it, the same on the desk's page and in
`export --per candidate`: its supporters as one phrase (organisations by name, citizens
counted: "KL, Dansk Erhverv og 4 borgere"), and the export's record of it with the privacy
rules of its members' replies applied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from hoering import glossary
from hoering.export.columns import readable_line
from hoering.export.privacy import Privacy, text_rule, title_rule
from hoering.export.views import reply_view
from hoering.export.xml_text import XmlSafe
from hoering.store.candidates import CandidateView, Supporter
from hoering.store.models import Candidate, Proposal
from hoering.vocab import RespondentType


def danish_list(items: Sequence[str]) -> str:
    """ "A", "A og B", "A, B og C"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {glossary.AND} {items[-1]}"


def supporters_phrase(
    supporters: Iterable[Supporter], name: Callable[[Supporter], str] = lambda s: s.name
) -> str:
    """Organisations, firms and authorities by name (each once, in order), then citizens as a
    count: a citizen's name is never part of the phrase, whatever the privacy settings."""
    names: list[str] = []
    citizens = 0
    for supporter in supporters:
        if supporter.type == RespondentType.BORGER:
            citizens += 1
        elif (shown := name(supporter)) not in names:
            names.append(shown)
    if citizens:
        names.append(f"{citizens} {glossary.CITIZEN if citizens == 1 else glossary.CITIZENS}")
    return danish_list(names)


def in_theme(view: CandidateView, theme: str | None) -> bool:
    """Whether the candidate has the codebook theme `theme` (None: every candidate has)."""
    return theme is None or theme in view.candidate.themes


@dataclass(frozen=True)
class CandidateRecord(XmlSafe):
    """One candidate as exported, privacy rules applied."""

    id: int
    title: str
    summary: str
    themes: tuple[str, ...]  # labels
    supporters: str
    replies: int
    initiatives: int
    decision: str
    reason: str


def _reply_text(proposal: Proposal, privacy: Privacy) -> Callable[[str], str]:
    # The rule export/privacy.apply uses for the member reply's own row.
    return text_rule(reply_view(proposal), privacy)


def review_field(candidate: Candidate, name: str) -> str:
    """The candidate's own decision or reason. Candidates get review fields with the
    reviewer's actions on them (a branch of its own); until then there is none."""
    return getattr(candidate, name, None) or ""


def candidate_record(view: CandidateView, privacy: Privacy) -> CandidateRecord:
    """The export view of one candidate under the given privacy settings."""
    rules = {row.proposal_id: _reply_text(row.proposal, privacy) for row in view.initiatives}

    def members_text(value: str) -> str:
        # The title and summary are one member's words: every member reply's rules apply,
        # so the candidate never shows what that reply's own row would hide.
        for text in rules.values():
            value = text(value)
        return value

    def title_text(value: str) -> str:
        # A title or summary is cut from its first member's first lines (a postcode line):
        # read by those lines, as privacy.apply reads an initiative's title, then as text.
        by_lines = (
            title_rule(value, row.text or "", rules[row.proposal_id]) for row in view.initiatives
        )
        return members_text(next((found for found in by_lines if found != value), value))

    candidate = view.candidate
    return CandidateRecord(
        id=candidate.id,
        title=title_text(candidate.title),
        summary=readable_line(title_text(candidate.summary)),  # cut from the same first lines
        themes=candidate.theme_labels,
        supporters=supporters_phrase(view.supporters, lambda s: rules[s.reply_id](s.name)),
        replies=view.replies,
        initiatives=len(view.initiatives),
        decision=review_field(candidate, "decision"),
        reason=members_text(review_field(candidate, "reason")),
    )
