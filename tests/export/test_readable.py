"""Text as people read it on the desk, in the people-profile files and in the notat: the
heading marks extraction puts before a Word or OpenDocument heading are left out, and Word's
Symbol-font bullets (private-use code points, a box in any other font) read as "•"."""

from __future__ import annotations

from hoering.export.columns import readable, readable_line


def test_a_summary_joined_from_marked_lines_loses_every_mark() -> None:
    # Candidate summaries are their first member's lines joined into one.
    joined = "## Titel på initiativet Unges stemme ## Kort beskrivelse Initiativet skal udvikle"

    assert readable_line(joined) == (
        "Titel på initiativet Unges stemme Kort beskrivelse Initiativet skal udvikle"
    )


def test_a_summary_starting_with_a_word_bullet_starts_with_its_words() -> None:
    assert readable_line("\uf0b7 At der oprettes et ungepanel") == "At der oprettes et ungepanel"


def test_hash_signs_that_are_no_heading_marks_stay() -> None:
    assert readable_line("C# og F# er sprog; se punkt #3.") == "C# og F# er sprog; se punkt #3."


def test_a_text_keeps_its_lines_and_shows_word_bullets_as_bullets() -> None:
    text = "# Åbne data\nVi foreslår:\n\uf0b7 åbne udbud\n\uf0a7 åbne kontrakter"

    assert readable(text) == "Åbne data\nVi foreslår:\n• åbne udbud\n• åbne kontrakter"
