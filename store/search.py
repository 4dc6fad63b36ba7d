"""Search over replies: the one WHERE clause that `search`, `list --search`, the exports and the
desk all use, the rank order, and snippets.

What a query means is store/search_query.py: every word or phrase must occur, as a substring
of the case-folded text (proposals.search_text), each word in any of its forms. How it is
looked up differs by database, the set of hits does not:
- SQLite: the FTS5 table `proposals_fts` with the trigram tokenizer (migration 0014), columns
  search_text (matched) and reply_text (the reply's own words, for ranking only).
- PostgreSQL and others: LIKE on search_text, which the pg_trgm GIN index of migration 0014
  answers on PostgreSQL.
Rank: replies whose own words (reply_text, without quoted mail and signature) hold every term
come first; then SQLite orders by bm25, PostgreSQL by how often the first word occurs and
where it first does (the subject comes first in search_text). Snippets are cut in Python
from subject and text, the same on every database.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import (
    ARRAY,
    Boolean,
    ColumnElement,
    Integer,
    and_,
    any_,
    bindparam,
    case,
    false,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session

from hoering.store import models
from hoering.store.search_query import MAX_TERMS, MIN_CHARS, Term, all_forms, parse

__all__ = ["MAX_TERMS", "MIN_CHARS", "Hit", "matching", "ranked_ids", "search", "snippets"]

FTS_TABLE = "proposals_fts"
TRIGRAM_INDEX = "proposals_search_trgm"  # PostgreSQL's GIN index over search_text (0014)
MARK_START, MARK_END = "[", "]"  # for the terminal (`hoering search`)
# For the web desk: private-use characters around a secret of this process, so a mail that
# holds "[" or even U+E000 cannot make its own text look like a match.
_NONCE = secrets.token_hex(8)
HIGHLIGHT_START, HIGHLIGHT_END = f"\ue000{_NONCE}\ue001", f"\ue002{_NONCE}\ue003"
RANK_CAP = 1000  # PostgreSQL ranks at most this many hits (see ranked_ids)
SNIPPET_CONTEXT = 70  # characters of text on each side of the first match
Marks = tuple[str, str]
_UPPER = "ÆØÅÄÖÜÉÈÊÁÀÓÍÚÑÇ"
P = models.Proposal


@dataclass(frozen=True)
class Hit:
    """One proposal that matches, best first; `snippet` marks matches with [ ]."""

    proposal_id: int
    snippet: str


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """For Alembic: the FTS5 table, its shadow tables and the trigram index are made by hand,
    not by a model: ignore them."""
    if type_ == "index" and name == TRIGRAM_INDEX:
        return False
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE))


class _Matches(ColumnElement[bool]):
    """proposals.id matches every term; compiled per database (below)."""

    type = Boolean()
    inherit_cache = False  # the terms are not part of a cache key

    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms


def matching(query: str) -> ColumnElement[bool]:
    """A WHERE clause: the proposal matches `query` (no proposal does if it has no terms)."""
    terms = parse(query)
    return _Matches(terms) if terms else false()


@compiles(_Matches, "sqlite")
def _matches_sqlite(element: _Matches, compiler, **kw) -> str:
    match = compiler.process(bindparam("fts", fts_query(element.terms), unique=True), **kw)
    return f"proposals.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH {match})"


@compiles(_Matches)
def _matches_like(element: _Matches, compiler, **kw) -> str:
    return compiler.process(_like_all(element.terms, P.search_text), **kw)


def fts_query(terms: list[Term], column: str = "search_text") -> str:
    """The terms as an FTS5 query on `column`: each term's forms ORed, the terms ANDed.

    Every form is quoted (a quote inside doubled), so FTS5 syntax in the user's text (-, :,
    parentheses, NOT) is only text. The trigram tokenizer matches a quoted string anywhere.
    """
    groups = (" OR ".join('"' + form.replace('"', '""') + '"' for form in t.forms) for t in terms)
    return " AND ".join(f"{{{column}}} : ({group})" for group in groups)


def _like_all(terms: list[Term], column) -> ColumnElement[bool]:
    """Every term has a form that is a substring of `column` (case-folded text)."""

    def holds(form: str) -> ColumnElement[bool]:
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", form) + "%"
        return column.like(pattern, escape="\\")

    return and_(*(or_(*(holds(form) for form in term.forms)) for term in terms))


def ranked_ids(session: Session, query: str, limit: int | None = None) -> list[int]:
    """Ids of the proposals matching `query`, best first (at most `limit`)."""
    terms = parse(query)
    if not terms:
        return []
    if session.get_bind().dialect.name == "sqlite":
        return _ranked_sqlite(session, terms, limit)
    found = matched_ids(session, query)
    if session.get_bind().dialect.name != "postgresql":
        return found[:limit]
    # Ranking reads every hit's own words: past RANK_CAP hits (a common word) only the first
    # RANK_CAP found are ranked, the rest follow in id order.
    ranked = _ranked_postgresql(session, terms, found[:RANK_CAP])
    return (ranked + found[RANK_CAP:])[:limit]


def _ranked_postgresql(session: Session, terms: list[Term], ids: list[int]) -> list[int]:
    # lower() of a database made with the C locale folds ASCII only: fold Danish letters too.
    own_text = func.translate(func.lower(P.reply_text), _UPPER, _UPPER.lower())
    own_words = case((_like_all(terms, own_text), 0), else_=1)
    form = terms[0].forms[0]
    others = func.length(P.search_text) - func.length(func.replace(P.search_text, form, ""))
    first = func.strpos(P.search_text, form)
    ranked = select(P.id).where(P.id == any_(_id_array(ids)))
    return list(session.scalars(ranked.order_by(own_words, others.desc(), first, P.id)))


def matched_ids(session: Session, query: str) -> list[int]:
    """Ids of the proposals matching `query`, in id order.

    PostgreSQL does not count the cost of reading a long text out of TOAST, so it prefers
    a sequential scan that reads every reply over the trigram index: 1.6 s instead of a few
    ms for 1,000 hits in 20,000. This one query is told to use the index.
    """
    terms = parse(query)
    if not terms:
        return []
    statement = select(P.id).where(_Matches(terms)).order_by(P.id)
    if session.get_bind().dialect.name != "postgresql":
        return list(session.scalars(statement))
    connection = session.connection()
    connection.execute(text("SET LOCAL enable_seqscan = off"))
    try:
        return list(session.scalars(statement))
    finally:
        connection.execute(text("SET LOCAL enable_seqscan = DEFAULT"))


def narrowed(session: Session, query: str) -> ColumnElement[bool]:
    """matching(query), for a page that runs several queries over the same hits (the list
    with its facets): on PostgreSQL the hits are found once and named by id."""
    if session.get_bind().dialect.name != "postgresql":
        return matching(query)
    return P.id == any_(_id_array(matched_ids(session, query)))


def _id_array(ids: list[int]):
    return bindparam("ids", ids, type_=ARRAY(Integer), unique=True)


def _ranked_sqlite(session: Session, terms: list[Term], limit: int | None) -> list[int]:
    rows = session.execute(
        text(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :all ORDER BY "
            f"rowid IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :own) DESC, "
            f"bm25({FTS_TABLE}), rowid LIMIT :limit"
        ),
        {
            "all": fts_query(terms),
            "own": fts_query(terms, "reply_text"),
            "limit": -1 if limit is None else limit,
        },
    )
    return [row[0] for row in rows]


def search(
    session: Session,
    query: str,
    *,
    limit: int | None = None,
    marks: Marks = (MARK_START, MARK_END),
) -> list[Hit]:
    """Proposals matching every term of `query`, best first, each with a snippet."""
    ids = ranked_ids(session, query, limit)
    found = snippets(session, query, ids, marks)
    return [Hit(i, found.get(i, "")) for i in ids]


def snippets(
    session: Session, query: str, ids: Sequence[int], marks: Marks = (MARK_START, MARK_END)
) -> dict[int, str]:
    """A snippet for each of `ids` (a page of hits): subject and text around the first match,
    every match in `marks`."""
    forms = all_forms(parse(query))
    if not ids or not forms:
        return {}
    rows = session.execute(select(P.id, P.subject, P.combined_text).where(P.id.in_(list(ids))))
    return {row[0]: snippet(f"{row[1]}\n{row[2]}", forms, marks) for row in rows}


def snippet(textual: str, forms: list[str], marks: Marks) -> str:
    """`textual` on one line around the first of `forms` (case folded), matches marked."""
    flat = " ".join(textual.split())
    pattern = re.compile("|".join(re.escape(form) for form in forms), re.IGNORECASE)
    first = pattern.search(flat)
    at = first.start() if first else 0
    start = max(0, flat.rfind(" ", 0, max(0, at - SNIPPET_CONTEXT)) + 1)
    end = flat.find(" ", at + SNIPPET_CONTEXT)
    window = flat[start : end if end >= 0 else len(flat)]
    marked = pattern.sub(lambda m: f"{marks[0]}{m.group(0)}{marks[1]}", window)
    return ("… " if start else "") + marked + (" …" if end >= 0 else "")
