"""Derived fields of a proposal: respondent, cleaned reply, flags, references, themes and
the initiatives it proposes.

Computed from the stored fields (sender, body text, attachment texts) at ingest and on
every reparse or `hoering analyse`, in three steps: read the inputs out of the rows
(rules/reply_inputs.py), derive without a database (rules/reply_derive.py), map the result
to the rows (store/derived_rows.py). Only automatic values are replaced: a respondent name,
organisation or type set by a reviewer, reviewer theme tags and a split a reviewer worked
on stay as they are.
"""

from __future__ import annotations

from hoering.analysis.registry import Registry
from hoering.analysis.themes import Codebook
from hoering.rules.reply_derive import derive_reply, joined_text
from hoering.rules.reply_inputs import inputs_of
from hoering.store import models
from hoering.store.derived_rows import apply_derived


def analysed_text(proposal: models.Proposal) -> str:
    """What themes and duplicates look at: the respondent's words plus attachment texts."""
    return joined_text(proposal.reply_text, [att.text for att in proposal.attachments])


def normalize_proposal(
    proposal: models.Proposal, codebook: Codebook | None = None, registry: Registry | None = None
) -> None:
    """Refresh every automatic derived field of `proposal` from its stored text; `registry`
    (default: the shipped one) names the bodies a reply may come from."""
    apply_derived(proposal, derive_reply(inputs_of(proposal), codebook, registry))
