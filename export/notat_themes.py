"""The høringsnotat's sections 2-4: which entry each reply, candidate and campaign becomes,
and under which heading. Pure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from hoering.analysis.campaigns import CampaignEntry
from hoering.analysis.summary import summarize
from hoering.export.columns import readable_line
from hoering.export.notat import has_no_comments, summary_line
from hoering.export.notat_model import CandidateInfo, Entry, NotatSettings, Run, Section, voice
from hoering.export.notat_words import (
    ADOPTED,
    agreed,
    as_subject,
    joined,
    remark,
    supporters,
)
from hoering.export.views import ReplyView

GENERAL = "Generelle bemærkninger"
OTHER = "Øvrige forslag"


def changes(entries: list[Entry]) -> Section:
    adopted = [f"{e.title} ({e.decision})" for e in entries if e.decision in ADOPTED]
    if not adopted:
        return Section("4. Ændringer som følge af høringen", paragraphs=("[udfyldes]",))
    intro = "Høringen har ført til følgende ændringer i forhold til udkastet:"
    return Section(
        "4. Ændringer som følge af høringen", paragraphs=(intro,), bullets=tuple(adopted)
    )


class Placement:
    """Which entry each reply and candidate becomes, and under which heading."""

    def __init__(self, replies, candidates, campaigns, settings: NotatSettings) -> None:
        self.settings = settings
        self.order = list(settings.theme_order)
        in_campaign = {i for c in campaigns for i in c.reply_ids}
        self.by_id = {r.id: r for r in replies}
        self.active = [r for r in replies if r.id not in in_campaign and not has_no_comments(r)]
        self.candidates = {c.id: c for c in candidates}
        self.members: dict[int, list] = {}
        for record in self.active:
            for item in record.initiatives:
                if item.candidate in self.candidates:
                    self.members.setdefault(item.candidate, []).append((record, item))
        placed = {r.id for pairs in self.members.values() for r, _ in pairs}
        self.loose = [r for r in self.active if r.id not in placed]
        self.campaigns = campaigns
        self.sections: dict[str, list[Entry]] = {}
        self.general_entries: list[Entry] = []

    def theme_sections(self) -> tuple[Section, ...]:
        for cid, pairs in self.members.items():
            self._candidate(self.candidates[cid], pairs)
        for record in self.active:
            self._remarks(record)
        for record in self.loose:
            if record.initiatives:  # proposals not (yet) in a candidate: their own entry
                self._reply(record)
        for campaign in self.campaigns:
            self._campaign(campaign)
        known = [label for label in self.order if label in self.sections]
        rest = sorted(
            label for label in self.sections if label not in self.order and label != OTHER
        )
        labels = known + rest + ([OTHER] if OTHER in self.sections else [])
        return tuple(
            Section(f"3.{n}. {label[:1].upper()}{label[1:]}", entries=_ranked(self.sections[label]))
            for n, label in enumerate(labels, start=1)
        )

    def general(self) -> tuple[Entry, ...]:
        """In the order of the replies: authorities, organisations, companies, citizens."""
        return tuple(self.general_entries)

    def general_note(self) -> tuple[str, ...]:
        if self.general_entries:
            return (
                "Bemærkninger om udkastet som helhed og om processen, uden et konkret forslag.",
            )
        return ("Der er ikke modtaget generelle bemærkninger.",)

    def _place(self, themes: Sequence[str], entry: Entry, general: bool = False) -> None:
        if general:
            self.general_entries.append(entry)
        else:
            self.sections.setdefault(themes[0] if themes else OTHER, []).append(entry)

    def _main_themes(self, labels: Iterable[str]) -> list[str]:
        """Most carried first; on a tie in the codebook's order."""
        counts = Counter(labels)
        rank = {label: i for i, label in enumerate(self.order)}
        return sorted(counts, key=lambda t: (-counts[t], rank.get(t, len(rank)), t))

    def _candidate(self, candidate: CandidateInfo, pairs: list) -> None:
        themes = self._main_themes(t for _, item in pairs for t in item.themes)
        voices = [voice(record) for record, _ in pairs]
        who = supporters(voices, self.settings.name_citizens)
        runs = [Run(f"{as_subject(who)} foreslår: ")]
        stem = candidate.title.rstrip(".…").casefold()
        if not candidate.summary.casefold().startswith(stem):  # else the title says it twice
            runs.insert(0, Run(f"{sentence_of(candidate.title)} ", bold=True))
        runs += _said(candidate.summary, candidate.english)
        if len(themes) > 1:
            runs.append(Run(f" Forslaget vedrører også {joined(themes[1:])}."))
        decision, reason = (candidate.decision, candidate.reason)
        if not decision:
            decision, reason = agreed((item.decision, item.reason) for _, item in pairs)
        entry = Entry(
            tuple(runs), remark(decision, reason), len(set(voices)), candidate.title, decision
        )
        self._place(themes, entry)

    def _remarks(self, record: ReplyView) -> None:
        """Its general remarks (analysis/remarks.py) in section 2; a reply without an
        initiative proposes nothing, so its summary goes there when it has no remarks."""
        said = record.remarks
        if not said and record.initiatives:
            return
        said = said or summary_line(record)
        who = supporters([voice(record)], self.settings.name_citizens)
        runs = _said(said, record.language == "en")
        if not said.startswith(who):  # "KL støtter overordnet ..." names KL already
            runs.insert(0, Run(f"{as_subject(who)} bemærker: "))
        decided = remark(record.decision, record.reason)
        entry = Entry(tuple(runs), decided, 1, summarize(said) or said, record.decision)
        self.general_entries.append(entry)

    def _reply(self, record: ReplyView) -> None:
        themes = [theme.label for theme in record.themes]
        summary = summary_line(record)
        title = summarize(summary) or summary
        who = supporters([voice(record)], self.settings.name_citizens)
        runs = [Run(f"{as_subject(who)} bemærker: ")]
        runs += _said(summary, record.language == "en")
        if len(themes) > 1:
            runs.append(Run(f" Bemærkningen vedrører også {joined(themes[1:])}."))
        entry = Entry(
            tuple(runs), remark(record.decision, record.reason), 1, title, record.decision
        )
        self._place(themes, entry)

    def _campaign(self, campaign: CampaignEntry) -> None:
        members = [self.by_id[i] for i in campaign.reply_ids if i in self.by_id]
        themes = self._main_themes(t.label for r in members for t in r.themes)
        kinds = {r.respondent_type for r in members}
        who = "borgere" if kinds == {"borger"} else "høringsparter"
        text = campaign.describe(who).replace(str(campaign.count), str(len(members)), 1)
        text += f", organiseret af {campaign.organiser}. " if campaign.organiser else ". "
        runs = [Run(text), Run("Høringssvaret foreslår: ")]
        runs += _said(campaign.summary or "[udfyldes]", members[0].language == "en")
        if campaign.added:
            quoted = "; ".join(f"“{s}”" for s in campaign.added)
            runs.append(Run(f" Nogle af svarene tilføjer: {quoted}"))
        decision, reason = agreed((r.decision, r.reason) for r in members)
        title = f"{campaign.summary or 'Enslydende høringssvar'} ({len(members)} enslydende svar)"
        entry = Entry(tuple(runs), remark(decision, reason), len(members), title, decision)
        self._place(themes, entry, general=not themes)


def sentence_of(title: str) -> str:
    """A title as a sentence: one full stop, none after a title cut short with "…"."""
    title = title.rstrip(".")
    return title if title.endswith(("…", "?", "!")) else f"{title}."


def _said(summary: str, english: bool) -> list[Run]:
    """A summary in the paragraph; an English one quoted and marked, for the paragraph is
    Danish."""
    summary = readable_line(summary)
    if summary and summary[-1] not in ".!?…:)":
        summary += "."
    if english:
        return [Run("(citat på engelsk) "), Run(f"“{summary}”", english=True)]
    return [Run(summary)]


def _ranked(entries: list[Entry]) -> tuple[Entry, ...]:
    return tuple(sorted(entries, key=lambda e: (-e.voices, e.title.casefold())))
