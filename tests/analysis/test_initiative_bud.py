"""A count of proposals in other words than "forslag": "fire bud", "tre tiltag" (Danish "et
bud på" is an offer of an idea). Texts written for these tests."""

from __future__ import annotations

from hoering.analysis.initiative_count import stated_count
from hoering.analysis.initiatives import Section, split_initiatives
from hoering.parse.text import html_to_text


def test_a_gmail_list_after_here_are_our_four_bids_gives_an_initiative_each() -> None:
    # Gmail: <div> lines, a <ul> of bold titles with their text after a colon.
    body = html_to_text(
        '<div dir="ltr"><div>Hej,</div><div><br></div>'
        "<div>Vi er et netværk af frivillige. Her er vores tre bud:</div><ul>"
        "<li><b>Åbne postlister</b>: alle kommuner lægger postlisten ud hver uge.</li>"
        "<li><b>Spørgetid</b>: der skal være fast spørgetid for borgere på byrådsmøder.</li>"
        "<li><b>Lobbyregister</b>: borgmestres møder skal registreres og offentliggøres.</li>"
        "</ul><div>Vi synes, det er vigtigt.</div><div>Venlig hilsen</div><div>Jonas</div></div>"
    )
    found = split_initiatives([Section("brødtekst", body)])
    assert [i.title for i in found] == ["Åbne postlister", "Spørgetid", "Lobbyregister"]


def test_bud_and_tiltag_are_counted_as_proposals() -> None:
    assert stated_count("Vi har tre konkrete bud på, hvad planen kan indeholde.") == 3
    assert stated_count("Foreningen peger på fire tiltag.") == 4
