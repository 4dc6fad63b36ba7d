"""Joining placed replies to their duplicate groups, one chunk of placing at a time
(rules/duplicates.py decides which leaders or twins a reply matched).

A group's common letter is recomputed from all members while it has at most
RECOMPUTE_UP_TO of them; a larger group keeps its letter and each new member is compared
with that letter only. A chunk remembers the groups it met, so a campaign's letters, which
all match its leader, read the leader's group once; a large group's new member rows are
written with the chunk's other rows in one statement (COPY on PostgreSQL), so a letter
joining a campaign costs no statement of its own, only its group's row is updated once.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hoering.analysis import duplicates as analysis
from hoering.store import models
from hoering.store.bulk import insert_rows

RECOMPUTE_UP_TO = 20  # members whose letter is recomputed as a whole when one joins

Member = models.DuplicateMember


class Joins:
    """The group joins of one chunk, in its transaction; `write()` once the chunk is placed.

    `read(ids)` gives proposals' texts as grouping compares them (rules/duplicates._texts).
    """

    def __init__(self, session: Session, read: Callable[[list[int]], dict[int, str]]) -> None:
        self.session = session
        self.read = read
        # Proposal id -> its group (None: in none), as far as this chunk has met them.
        self.member_of: dict[int, models.DuplicateGroup | None] = {}
        self.rows: list[dict[str, object]] = []  # large groups' new members, not yet written

    def join(self, proposal_id: int, text: str, matched: list[int], exact: bool) -> None:
        """Put the proposal into the group of `matched` proposals, merging their groups.

        Sizes and distinct counts are kept by arithmetic (a big campaign's members are not
        read): twins always share a group, so a proposal found by LSH is a new distinct
        text, and so is every leader not yet in a group."""
        self.read_memberships([pid for pid in matched if pid not in self.member_of])
        groups = sorted(
            {g for pid in matched if (g := self.member_of[pid]) is not None},
            key=lambda g: (-g.size, g.id),
        )
        loose = [pid for pid in matched if self.member_of[pid] is None]
        if groups:
            group = groups[0]
        else:  # its id is needed now, for the member rows: once per new group
            group = models.DuplicateGroup(kind=analysis.EXACT, size=0, distinct=0)
            self.session.add(group)
            self.session.flush()
        for other in groups[1:]:
            self.merge(other, group)
        new = [*loose, proposal_id]
        self.member_of.update(dict.fromkeys(new, group))
        group.size += len(new)
        group.distinct += len(loose) + (0 if exact else 1)
        group.kind = analysis.EXACT if group.distinct == 1 else analysis.NEAR
        texts = {proposal_id: text}
        if group.size <= RECOMPUTE_UP_TO:
            self.session.add_all(Member(group_id=group.id, proposal_id=pid) for pid in new)
            self.session.flush()  # read back with the others, whatever the session's autoflush
            self.describe_small(group, texts)
        else:
            self.describe_new(group, texts, sorted(new))

    def merge(self, other: models.DuplicateGroup, group: models.DuplicateGroup) -> None:
        """Move `other`'s members into `group` (the larger) and drop `other`; rare."""
        self.session.flush()  # its member objects go into the database, where they are moved
        self.session.execute(
            update(Member).where(Member.group_id == other.id).values(group_id=group.id)
        )
        for row in self.rows:
            if row["group_id"] == other.id:
                row["group_id"] = group.id
        for pid, was in self.member_of.items():
            if was is other:
                self.member_of[pid] = group
        group.size += other.size
        group.distinct += other.distinct
        self.session.delete(other)

    def read_memberships(self, proposal_ids: list[int]) -> None:
        """The groups of these proposals (None: in none), into `member_of`, in one query."""
        if not proposal_ids:
            return
        self.member_of.update(dict.fromkeys(proposal_ids))
        found = self.session.execute(
            select(Member.proposal_id, models.DuplicateGroup)
            .join(models.DuplicateGroup)
            .where(Member.proposal_id.in_(proposal_ids))
        )
        for pid, group in found:
            self.member_of[pid] = group

    def describe_small(self, group: models.DuplicateGroup, texts: dict[int, str]) -> None:
        """Recompute a small group's letter and every member's difference from it; `texts`
        holds the new proposal's, the other members' are read in one go."""
        rows = self.session.scalars(
            select(Member).where(Member.group_id == group.id).order_by(Member.proposal_id)
        ).all()
        unread = [row.proposal_id for row in rows if row.proposal_id not in texts]
        if unread:
            texts.update(self.read(unread))
        described = analysis.describe_group(
            [(str(row.proposal_id), texts[row.proposal_id]) for row in rows], group.distinct
        )
        group.common_text = described.common
        for member, row in zip(described.members, rows, strict=True):
            row.similarity, row.added_text, row.omitted_text = _columns(member)

    def describe_new(
        self, group: models.DuplicateGroup, texts: dict[int, str], new: list[int]
    ) -> None:
        """The rows of a large group's `new` members, compared with its kept letter."""
        unread = [pid for pid in new if pid not in texts]
        if unread:  # leaders that were in no group yet
            texts.update(self.read(unread))
        for pid in new:
            member = analysis.describe_member(group.common_text, str(pid), texts[pid])
            similarity, added, omitted = _columns(member)
            self.rows.append(
                {"group_id": group.id, "proposal_id": pid, "similarity": similarity,
                 "added_text": added, "omitted_text": omitted}
            )  # fmt: skip

    def write(self) -> None:
        """The large groups' new member rows, in one statement."""
        insert_rows(self.session, Member.__table__, self.rows)
        self.rows = []


def _columns(member: analysis.Member) -> tuple[float, str, str]:
    """A member's similarity, added and omitted text as stored: sentences one per line."""
    return member.similarity, "\n".join(member.added), "\n".join(member.omitted)
