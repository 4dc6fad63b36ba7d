"""Group exact duplicates and near-duplicates (form letters, campaigns) among reply texts.

Nothing is deleted: every reply stays a member of its group, and the report counts raw
replies, distinct texts and independent groups. For each group it gives the common letter
and, for each member, the sentences it adds beyond that letter (and those it leaves out).

- exact: the same text after normalizing case, Unicode form, punctuation and line breaks;
- near: each text is compared with the first text of every group so far (its leader):
  MinHash over three-word shingles (datasketch LSH) proposes candidate leaders, and a pair
  is kept when the real shingle sets agree: Jaccard >= `threshold` (0.5), or at least
  `containment` (0.8) of the shorter text's shingles occur in the longer one, which catches
  a form letter with a long personal paragraph added. A text near two leaders joins their
  groups. Texts with fewer than MIN_SHINGLES
  shingles are only ever grouped as exact duplicates: "Se vedhæftede." says nothing.

Pass each reply's full text (reply content and attachment text), without signature: two
short covering notes pointing to different PDFs are not duplicates.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

SHINGLE = 3  # words per shingle
MIN_SHINGLES = 8
NUM_PERM = 128
LSH_THRESHOLD = 0.3  # candidates only; below the real thresholds so few pairs are missed
# The stored index's LSH: 37 bands of 3 rows, what datasketch picks for 0.3 and 128 perms.
BANDS, ROWS = 37, 3
EXACT = "exact"
NEAR = "near"

_WORD = re.compile(r"[^\W_]+")
_BULLET = re.compile(r"^\s*(?:[-–•*·]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“»(]?[A-ZÆØÅ0-9])")


@dataclass(frozen=True)
class Member:
    """One reply in a group and how it differs from the group's common letter."""

    key: str
    similarity: float  # Jaccard of shingles with the group's most typical member
    added: tuple[str, ...]  # its sentences that are not in the common letter
    omitted: tuple[str, ...]  # sentences of the common letter it does not have


@dataclass(frozen=True)
class DuplicateGroup:
    """Replies that are the same text, or the same letter with personal changes."""

    kind: str  # "exact" (one distinct text) or "near"
    members: tuple[Member, ...]  # in input order
    common: str  # the common letter, one sentence per line
    distinct: int  # distinct texts among the members

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class DuplicateReport:
    """Groups of two or more replies, and the counts before and after grouping."""

    groups: tuple[DuplicateGroup, ...]  # largest first
    raw: int  # replies given
    distinct: int  # distinct texts (exact duplicates counted once)
    independent: int  # groups plus replies in no group


def normalize(text: str) -> str:
    """The text as compared for exact duplicates: NFKC, case-folded, words only."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def find_duplicates(
    texts: Iterable[tuple[str, str]], *, threshold: float = 0.5, containment: float = 0.8
) -> DuplicateReport:
    """Group (key, text) pairs into exact and near-duplicate groups; keys must be unique."""
    items = list(texts)
    keys = [key for key, _ in items]
    if len(set(keys)) != len(keys):
        raise ValueError("find_duplicates: keys must be unique")
    by_text: dict[str, list[int]] = {}
    for index, (_, text) in enumerate(items):
        by_text.setdefault(normalize(text), []).append(index)
    distinct = list(by_text)
    shingles = [_shingles(text) for text in distinct]
    parent = list(range(len(distinct)))
    for a, b in _similar_pairs(shingles, threshold, containment):
        parent[_root(parent, a)] = _root(parent, b)
    components: dict[int, list[int]] = {}
    for index in range(len(distinct)):
        components.setdefault(_root(parent, index), []).append(index)
    groups = []
    for members in components.values():
        indices = sorted(i for text_index in members for i in by_text[distinct[text_index]])
        if len(indices) > 1:
            groups.append(_group([items[i] for i in indices], len(members)))
    groups.sort(key=lambda group: (-group.size, keys.index(group.members[0].key)))
    grouped = sum(group.size for group in groups)
    return DuplicateReport(
        tuple(groups), len(items), len(distinct), len(items) - grouped + len(groups)
    )


def _shingles(normalized: str) -> frozenset[str]:
    words = normalized.split()
    if len(words) < SHINGLE:
        return frozenset([normalized]) if normalized else frozenset()
    return frozenset(" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def _similar_pairs(
    shingles: list[frozenset[str]], threshold: float, containment: float
) -> Iterable[tuple[int, int]]:
    """Pairs (text, leader) of near-duplicates, each text checked against the group leaders.

    A text that matches no leader becomes one. Comparing with leaders only keeps a campaign
    of thousands of letters fast (LSH buckets stay small) and stops groups from drifting
    through chains of small edits (A ~ B ~ C while A and C differ).
    """
    # Imported here: datasketch pulls in numpy and scipy (0.4 s), which every other
    # hoering command would pay for at start-up.
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    # Drawing the hash permutations is the slow part of a new MinHash: copy an empty one.
    empty = MinHash(num_perm=NUM_PERM, seed=1)
    for index, words in enumerate(shingles):
        if len(words) < MIN_SHINGLES:
            continue
        minhash = empty.copy()
        minhash.update_batch([shingle.encode() for shingle in words])
        leaders = [int(key) for key in lsh.query(minhash)]
        matched = [
            leader
            for leader in sorted(leaders)
            if _near(words, shingles[leader], threshold, containment)
        ]
        yield from ((index, leader) for leader in matched)
        if not matched:
            lsh.insert(str(index), minhash)


def _near(a: frozenset[str], b: frozenset[str], threshold: float, containment: float) -> bool:
    shared = len(a & b)
    return shared / len(a | b) >= threshold or shared / min(len(a), len(b)) >= containment


def _root(parent: list[int], index: int) -> int:
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index


def _group(items: list[tuple[str, str]], distinct: int) -> DuplicateGroup:
    """The common letter of the members and what each adds to it or leaves out."""
    sentences = [_sentences(text) for _, text in items]
    keys = [[key for key, _ in member] for member in sentences]
    needed = max(2, math.ceil(len(items) / 2))
    counts: dict[str, int] = {}
    for member_keys in keys:
        for key in set(member_keys):
            counts[key] = counts.get(key, 0) + 1
    common_keys = {key for key, count in counts.items() if count >= needed}
    typical = max(range(len(items)), key=lambda i: (len(common_keys & set(keys[i])), -i))
    common = list(dict.fromkeys((k, s) for k, s in sentences[typical] if k in common_keys))
    typical_shingles = _shingles(normalize(items[typical][1]))
    members = []
    for (key, text), member in zip(items, sentences, strict=True):
        added, omitted = _difference(common, member)
        similarity = _jaccard(_shingles(normalize(text)), typical_shingles)
        members.append(Member(key, round(similarity, 3), added, omitted))
    kind = EXACT if distinct == 1 else NEAR
    return DuplicateGroup(kind, tuple(members), "\n".join(s for _, s in common), distinct)


def _difference(
    common: list[tuple[str, str]], member: list[tuple[str, str]]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Sentences the member adds to the common letter, and those it leaves out, in order."""
    matcher = difflib.SequenceMatcher(None, [k for k, _ in common], [k for k, _ in member], False)
    added: list[str] = []
    omitted: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("insert", "replace"):
            added += [sentence for _, sentence in member[j1:j2]]
        if tag in ("delete", "replace"):
            omitted += [sentence for _, sentence in common[i1:i2]]
    return tuple(added), tuple(omitted)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _sentences(text: str) -> list[tuple[str, str]]:
    """(normalized, as written) per sentence or list item; wrapped lines are joined first."""
    units: list[str] = []
    current: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip() or _BULLET.match(line):
            units.append(" ".join(current))
            current = []
        if line.strip():
            current.append(_BULLET.sub("", line).strip())
    units.append(" ".join(current))
    result = []
    for unit in units:
        for sentence in _SENTENCE_END.split(unit):
            key = normalize(sentence)
            if key:
                result.append((key, sentence.strip()))
    return result


# The persisted index (store/duplicates.py) keeps band keys, not MinHash objects: a signature
# of our own, computed with numpy, so a poll need not import datasketch (and scipy, 0.4 s).


def text_key(normalized: str) -> str:
    """The identity of a normalized text, for finding exact duplicates by index."""
    return hashlib.sha256(normalized.encode()).hexdigest()


def shingles(normalized: str) -> frozenset[str]:
    """The three-word shingles of a normalized text (see normalize)."""
    return _shingles(normalized)


def band_keys(words: frozenset[str]) -> list[int]:
    """One signed 64-bit key per LSH band of the text's MinHash: texts sharing a key are
    candidates (Jaccard 0.3 is found with probability ~0.6, 0.5 with ~0.99)."""
    import numpy as np

    a, b = _permutations()
    # Each shingle's 4-byte digest read as a big-endian number, all at once.
    digests = b"".join([hashlib.blake2b(w.encode(), digest_size=4).digest() for w in words])
    hashed = np.frombuffer(digests, dtype=">u4").astype(np.uint64).reshape(-1, 1)
    signature = ((hashed * a + b) & np.uint64(0xFFFFFFFF)).min(axis=0)
    keys = []
    for band in range(BANDS):
        rows = signature[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + rows, digest_size=8).digest()
        keys.append(int.from_bytes(digest, signed=True))
    return keys


def is_near(a: frozenset[str], b: frozenset[str], threshold: float = 0.5,
            containment: float = 0.8) -> bool:  # fmt: skip
    """The real test on shingle sets that a band-key candidate must pass."""
    return _near(a, b, threshold, containment)


def describe_group(items: list[tuple[str, str]], distinct: int) -> DuplicateGroup:
    """A group of (key, text) members: the common letter and each member's differences."""
    return _group(items, distinct)


def describe_member(common: str, key: str, text: str) -> Member:
    """A member joining a large group: its differences to the group's common letter kept
    as it is (recomputing the letter would read every member)."""
    letter, letter_shingles = _letter(common)
    added, omitted = _difference(letter, _sentences(text))
    similarity = _jaccard(_shingles(normalize(text)), letter_shingles)
    return Member(key, round(similarity, 3), added, omitted)


@functools.lru_cache(maxsize=64)
def _letter(common: str) -> tuple[list[tuple[str, str]], frozenset[str]]:
    """A large group's letter as its members are compared with it: one split for all of
    them (a campaign's thousands of letters meet the same letter). Read, never changed."""
    return _sentences(common), _shingles(normalize(common))


@functools.cache
def _permutations():
    """The MinHash's hash family h -> a*h + b mod 2^32; fixed seed: stored keys stay valid."""
    import numpy as np

    generator = np.random.RandomState(1)
    a = generator.randint(1, 1 << 32, NUM_PERM, dtype=np.uint64) | np.uint64(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint64)
    return a, b
