"""Full-text search over proposals: ranked hits with snippets.

SQLite: the FTS5 index `proposals_fts` (created by migration 0004, kept in sync by
triggers), ranked by bm25 with snippet(). Its tokenizer folds case but keeps æ, ø and å
apart from a and o, as Danish readers expect ("sø" is not "so").
PostgreSQL: to_tsvector('danish', search_text) matched by websearch_to_tsquery (Danish
stemming, so "forslag" also finds "forslagene"), ranked by ts_rank, snippets by ts_headline
(in lower case: search_text is the case-folded copy); computed per query, without an index,
which is fine for a consultation's few thousand replies.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import TextClause, text
from sqlalchemy.orm import Session

FTS_TABLE = "proposals_fts"
MARK_START, MARK_END = "[", "]"  # for the terminal (`hoering search`)
# For the web desk: private-use characters around a secret of this process, so a mail that
# holds "[" or even U+E000 cannot make its own text look like a match.
_NONCE = secrets.token_hex(8)
HIGHLIGHT_START, HIGHLIGHT_END = f"\ue000{_NONCE}\ue001", f"\ue002{_NONCE}\ue003"
_TERM = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*\*?")
# Every term is a scan of the index, a prefix term a scan of every word it starts: 2,000
# terms of "a*" ran past 30 s on the sample inbox. Past MAX_TERMS the rest are dropped.
MAX_TERMS = 32
MIN_PREFIX = 3  # "a*" expands to most of the vocabulary; shorter prefixes are plain words


@dataclass(frozen=True)
class Hit:
    """One proposal that matches, best first; `snippet` marks matches with [ ]."""

    proposal_id: int
    rank: float
    snippet: str


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """For Alembic: the FTS5 table and its shadow tables are not models; ignore them."""
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE))


def terms(query: str) -> list[str]:
    """The words of `query`, each once, at most MAX_TERMS; "ab*" loses its * (too short)."""
    found: list[str] = []
    for term in _TERM.findall(query):
        word = term.rstrip("*")
        if term.endswith("*") and len(word) >= MIN_PREFIX:
            word += "*"
        if word.casefold() not in (known.casefold() for known in found):
            found.append(word)
        if len(found) == MAX_TERMS:
            break
    return found


def fts_query(query: str) -> str:
    """The user's words as an FTS5 query: every word must occur (prefix with a trailing *).

    Quoting each word keeps FTS5 syntax characters (-, :, ", parentheses) from the user's
    text out of the query grammar.
    """
    return " ".join(
        f'"{term.rstrip("*")}"' + ("*" if term.endswith("*") else "") for term in terms(query)
    )


Marks = tuple[str, str]


def search(
    session: Session,
    query: str,
    *,
    limit: int | None = None,
    marks: Marks = (MARK_START, MARK_END),
) -> list[Hit]:
    """Proposals matching all words of `query`, best first; matches in `marks`."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        return _search_sqlite(session, query, limit, marks)
    if dialect == "postgresql":
        return _search_postgresql(session, query, limit, marks)
    return _search_like(session, query, limit)


def matching_ids(session: Session, query: str) -> list[int]:
    """Ids of the proposals matching `query`, best first (for `hoering list --search`)."""
    return [hit.proposal_id for hit in search(session, query)]


def _search_sqlite(session: Session, query: str, limit: int | None, marks: Marks) -> list[Hit]:
    match = fts_query(query)
    if not match:
        return []
    rows = session.execute(
        text(
            f"SELECT rowid, bm25({FTS_TABLE}) AS rank, "
            f"snippet({FTS_TABLE}, -1, :start, :end, ' … ', 12) FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH :match ORDER BY rank, rowid LIMIT :limit"
        ),
        {"match": match, "start": marks[0], "end": marks[1], "limit": limit or -1},
    )
    return [Hit(row[0], row[1], _one_line(row[2])) for row in rows]


def _search_postgresql(session: Session, query: str, limit: int | None, marks: Marks) -> list[Hit]:
    rows = session.execute(
        text(
            "SELECT id, ts_rank(doc, q) AS rank, ts_headline('danish', search_text, q, :options) "
            "FROM (SELECT id, search_text, to_tsvector('danish', search_text) AS doc "
            "FROM proposals) AS p, websearch_to_tsquery('danish', :query) AS q "
            "WHERE doc @@ q ORDER BY rank DESC, id LIMIT :limit"
        ),
        {
            # search_text and the query are case-folded by Python: a database created with
            # the C locale lower-cases ASCII only, and "ÅBNE" would not find "åbne".
            "query": " ".join(terms(query)).casefold(),
            "limit": limit,
            "options": f"StartSel={marks[0]}, StopSel={marks[1]}, MaxWords=20, MinWords=8",
        },
    )
    return [Hit(row[0], -float(row[1]), _one_line(row[2])) for row in rows]


def _search_like(session: Session, query: str, limit: int | None) -> list[Hit]:
    """Other databases: every word as a substring of the case-folded search_text, unranked."""
    words = [word.rstrip("*").casefold() for word in terms(query)]
    if not words:
        return []
    where = " AND ".join(f"search_text LIKE :w{i}" for i in range(len(words)))
    params = {f"w{i}": f"%{word}%" for i, word in enumerate(words)}
    rows = session.execute(text(f"SELECT id FROM proposals WHERE {where} ORDER BY id"), params)
    ids: Sequence[int] = [row[0] for row in rows]
    return [Hit(i, 0.0, "") for i in ids[:limit]]


def _one_line(snippet: str | None) -> str:
    return " ".join((snippet or "").split())


def ranked_ids(session: Session, query: str) -> list[int]:
    """Ids matching all words of `query`, best first, without snippets (cheaper for lists)."""
    if session.get_bind().dialect.name != "sqlite":
        return [hit.proposal_id for hit in search(session, query)]
    match = fts_query(query)
    if not match:
        return []
    rows = session.execute(
        text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match ORDER BY rank, rowid"),
        {"match": match},
    )
    return [row[0] for row in rows]


def snippets(
    session: Session, query: str, ids: Sequence[int], marks: Marks = (MARK_START, MARK_END)
) -> dict[int, str]:
    """Search snippets of these proposals only (a page of the list), matches in `marks`."""
    if not ids:
        return {}
    if session.get_bind().dialect.name != "sqlite":
        wanted = set(ids)
        return {
            hit.proposal_id: hit.snippet
            for hit in search(session, query, marks=marks)
            if hit.proposal_id in wanted
        }
    match = fts_query(query)
    if not match:
        return {}
    listed = ", ".join(str(int(i)) for i in ids)  # ints only: safe to inline
    rows = session.execute(
        text(
            f"SELECT rowid, snippet({FTS_TABLE}, -1, :start, :end, ' … ', 12) FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH :match AND rowid IN ({listed})"
        ),
        {"match": match, "start": marks[0], "end": marks[1]},
    )
    return {row[0]: _one_line(row[1]) for row in rows}


def matching(session: Session, query: str) -> TextClause:
    """A WHERE clause: proposals.id matches all words of `query` (filters, counts, facets)."""
    if session.get_bind().dialect.name == "sqlite":
        match = fts_query(query) or '""'
        return text(
            f"proposals.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_match)"
        ).bindparams(fts_match=match)
    ids = ", ".join(str(int(i)) for i in ranked_ids(session, query)) or "NULL"
    return text(f"proposals.id IN ({ids})")
