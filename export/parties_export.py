"""`hoering export --per party` (issue 19 item 1): per respondent, each of its initiatives
with the decision and reason that apply, the basis of the reasoned answer the call promises
every contributor. CSV, XLSX or JSONL.

A party is the respondent as the høringsnotat names it (export/notat.party_name: the
organisation, else the person or their pseudonym), with its replies together; the citizens
of one campaign (analysis/campaigns.py, at least two of them in the export) are one party,
"14 borgere har sendt enslydende høringssvar", with their initiatives once each. Parties come
in the notat's order (authorities, organisations, companies, citizens; by name). A reply
that proposes nothing has one row: its "ingen bemærkninger" or its general remarks
(analysis/remarks.py).

PARTY_COLUMNS is the stable list for machines (CSV profile "rfc4180", JSONL; README "One row
per party and initiative"), new columns only added at the end; people (CSV profile "excel",
XLSX) read PEOPLE_PARTY_COLUMNS: Danish headers, every id as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from hoering import glossary
from hoering.analysis.campaigns import CampaignEntry
from hoering.analysis.cleaning import NO_COMMENTS
from hoering.export.columns import MACHINE, PEOPLE
from hoering.export.csv_export import Profile
from hoering.export.notat import has_no_comments, party_name, ranked
from hoering.export.table_files import optional_int, write_rows
from hoering.export.views import InitiativeView, ReplyView
from hoering.export.xlsx_table import Table
from hoering.vocab import RespondentType

PARTY_COLUMNS = (
    "party", "respondent_type", "replies", "senders", "initiative", "title", "candidate",
    "candidate_title", "decision", "reason", "decision_source", "remarks",
)  # fmt: skip
PEOPLE_PARTY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("party", glossary.PARTY), ("respondent_type", glossary.TYPE),
    ("replies", glossary.REPLIES), ("senders", glossary.SENDERS),
    ("initiative", glossary.INITIATIVE), ("title", glossary.TITLE),
    ("candidate", glossary.CANDIDATE), ("candidate_title", glossary.CANDIDATE_TITLE),
    ("decision", glossary.DECISION), ("reason", glossary.REASON),
    ("decision_source", glossary.DECISION_SOURCE), ("remarks", glossary.REMARKS),
)  # fmt: skip
SHEET = glossary.PARTIES
# Characters wide, as the reply sheet counts them: one landscape page at about 70 %.
WIDTHS = {
    "party": 22, "respondent_type": 12, "replies": 8, "senders": 10, "initiative": 8,
    "title": 30, "candidate": 8, "candidate_title": 26, "decision": 14, "reason": 30,
    "decision_source": 10, "remarks": 38,
}  # fmt: skip
TABLES = {
    # People: every cell text, the reply ids "3; 7" and an id "12.10" as they are.
    PEOPLE: Table(SHEET, PEOPLE_PARTY_COLUMNS, WIDTHS),
    MACHINE: Table(SHEET, tuple((key, key) for key in PARTY_COLUMNS), WIDTHS,
                   frozenset({"senders"})),
}  # fmt: skip


@dataclass(frozen=True)
class Party:
    """One respondent (or one campaign's citizens) and its replies, oldest first."""

    name: str
    type: str
    replies: tuple[ReplyView, ...]


def parties(records: Iterable[ReplyView], campaigns: Sequence[CampaignEntry]) -> list[Party]:
    """The replies by party in the notat's order; a campaign's citizens as one party."""
    campaign_of = {reply: entry for entry in campaigns for reply in entry.reply_ids}
    ordered = ranked(list(records))
    in_campaign = _campaign_members(ordered, campaign_of)
    found: dict[tuple[str, ...], list[ReplyView]] = {}
    for record in ordered:
        if record.id in in_campaign:
            key = ("campaign", str(campaign_of[record.id].reply_ids))
        else:
            key = ("party", party_name(record), record.respondent_type)
        found.setdefault(key, []).append(record)
    result = []
    for key, replies in found.items():
        # A campaign says how many of its citizens sent it, as the bruttoliste does.
        name = campaign_name(len(replies)) if key[0] == "campaign" else key[1]
        replies.sort(key=lambda record: record.id)
        result.append(Party(name, replies[0].respondent_type, tuple(replies)))
    return result


def campaign_name(count: int) -> str:
    """ "14 borgere har sendt enslydende høringssvar"."""
    return f"{count} {glossary.CITIZENS} har sendt enslydende høringssvar"


def _campaign_members(
    records: Sequence[ReplyView], campaign_of: Mapping[int, CampaignEntry]
) -> set[int]:
    """The citizens' replies whose campaign brings at least two of them to the export."""
    citizens: dict[int, list[int]] = {}
    for record in records:
        entry = campaign_of.get(record.id)
        if entry is not None and record.respondent_type == RespondentType.BORGER:
            citizens.setdefault(id(entry), []).append(record.id)
    return {reply for members in citizens.values() if len(members) >= 2 for reply in members}


def party_rows(
    groups: Iterable[Party], candidate_titles: Mapping[int, str], columns: str = MACHINE
) -> Iterator[dict[str, str]]:
    """The text cells of PARTY_COLUMNS: per party its initiatives (a campaign's once each),
    then one row per reply of it that proposes nothing."""
    for party in groups:
        base = {
            "party": party.name, "respondent_type": party.type,
            "replies": "; ".join(str(record.id) for record in party.replies),
            "senders": str(len(party.replies)),
        }  # fmt: skip
        cells = [_initiative_cells(item, candidate_titles) for item in _initiatives(party)]
        cells += [_remarks_cells(record) for record in party.replies if not record.initiatives]
        for row in cells:
            if columns == PEOPLE:
                source = row["decision_source"]
                row["decision_source"] = glossary.DECISION_SOURCES.get(source, source)
            yield base | row


def _initiatives(party: Party) -> Iterator[InitiativeView]:
    """The party's initiatives; an identical one (same title, candidate and decision) from
    another reply of a campaign only once, under the first reply's ref."""
    seen = set()
    for record in party.replies:
        for item in record.initiatives:
            key = (item.title, item.candidate, item.decision, item.reason, item.decision_source)
            if key not in seen:
                seen.add(key)
                yield item


def _initiative_cells(item: InitiativeView, candidate_titles: Mapping[int, str]) -> dict[str, str]:
    candidate = "" if item.candidate is None else str(item.candidate)
    return {
        "initiative": item.ref, "title": item.title, "candidate": candidate,
        "candidate_title": candidate_titles.get(item.candidate, "") if candidate else "",
        "decision": item.decision, "reason": item.reason,
        "decision_source": item.decision_source, "remarks": "",
    }  # fmt: skip


def _remarks_cells(record: ReplyView) -> dict[str, str]:
    """A reply without initiatives: its "ingen bemærkninger", else its general remarks;
    the reply's own decision is the one that applies to it."""
    none = has_no_comments(record)
    remarks = NO_COMMENTS if none else record.remarks
    return {
        "initiative": "", "title": "", "candidate": "", "candidate_title": "",
        "decision": record.decision, "reason": record.reason,
        "decision_source": "reply" if record.decision else "", "remarks": remarks,
    }  # fmt: skip


def write_parties(
    rows: Iterable[dict[str, str]],
    output: Path,
    fmt: str,
    profile: Profile,
    formula_guard: bool = True,
) -> int:
    """Write the rows as csv, xlsx or jsonl atomically; returns how many were written."""
    return write_rows(TABLES[profile.columns], rows, output, fmt, profile, _typed, formula_guard)


def _typed(row: dict[str, str]) -> dict[str, object]:
    return dict(row) | {
        "replies": [int(reply) for reply in row["replies"].split("; ")],
        "senders": int(row["senders"]),
        "candidate": optional_int(row["candidate"]),
    }
