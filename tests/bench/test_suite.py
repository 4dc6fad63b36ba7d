"""The pure parts of bench.suite: its table, its presets and its generated mail. No timing:
the suite itself is run on demand (`python -m bench.suite`), not by the tests."""

from __future__ import annotations

import email.policy
import mailbox
from email import message_from_bytes
from pathlib import Path

from bench import mailboxes, suite
from bench.report import goal_line, goal_record
from bench.workbench import write_config
from hoering.analysis import duplicates
from hoering.config import load_config

FIXTURE = Path(__file__).parent / "fixtures" / "results.json"


def test_table_renders_machine_line_and_one_row_per_goal(capsys) -> None:
    suite.main(["--table", str(FIXTURE)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Intel(R) Xeon(R) Processor, 2 cores, 23.5 GiB, Python 3.11.7")
    assert "load average 1.2 at the start, 2.5 at the end" in lines[0]
    assert lines[2] == "| goal | measured | figure | ratio | target | met |"
    assert lines[4] == (
        "| 1 | cold poll, 500 text replies | 69/s vs raw fetch 8060/s | 0.009 | >= 0.2x | no |"
    )
    assert lines[5].endswith("| 1.16 | <= 1.3x | yes |")
    assert lines[6].endswith("| not measurable: no [extract] workers | — | >= 1.7x | — |")


def test_unmeasurable_goal_prints_without_ratio() -> None:
    figure = "not measurable: no [extract] workers"
    record = goal_record(4, "workers", figure, None, ">= 1.7x", None)
    assert goal_line(record) == (
        "  goal 4 workers: not measurable: no [extract] workers (target >= 1.7x)"
    )


def test_quick_preset_fills_sizes_not_given() -> None:
    args = suite.arguments(["--quick", "--repeats", "2"])
    assert (args.sizes, args.stored, args.repeats) == ([300], [200, 1000], 2)
    assert suite.arguments([]).rss_sizes == [1000, 10000]
    assert suite.arguments(["--full"]).stored == [500, 50000]


def test_text_mails_are_marked_replies_a_fifth_of_them_the_campaign_letter() -> None:
    mails = list(mailboxes.text_mails(5, "t"))
    messages = [message_from_bytes(data, policy=email.policy.default) for data in mails]
    assert [m["Message-ID"] for m in messages] == [f"<t-{n}@borgernet.example>" for n in range(5)]
    assert all(m["Subject"].startswith(mailboxes.MARKED) for m in messages)
    assert "lobbyregister" in messages[0].get_content()
    assert all(2_000 < len(data) < 5_000 for data in mails[1:])


def test_mbox_holds_the_mails_in_order(tmp_path: Path) -> None:
    path = mailboxes.write_mbox(tmp_path / "svar.mbox", mailboxes.text_mails(3, "m"))
    ids = [message["Message-ID"] for message in mailbox.mbox(path)]
    assert ids == [f"<m-{n}@borgernet.example>" for n in range(3)]


def test_generated_config_is_read_by_the_config_reader(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, url=f"sqlite:///{tmp_path / 'x.db'}"))
    assert config.store_url.endswith("x.db") and not config.accounts


def test_campaign_mails_are_near_twins_of_the_letter_never_exact_twins() -> None:
    messages = [message_from_bytes(d, policy=email.policy.default) for d in
                mailboxes.campaign_mails(20, "c")]  # fmt: skip
    bodies = [m.get_content().split("\nMed venlig hilsen")[0] for m in messages]
    texts = [duplicates.normalize(body) for body in bodies]
    letter = duplicates.shingles(duplicates.normalize(mailboxes.CAMPAIGN_LETTER))
    assert len(set(texts)) == 20
    assert all(duplicates.is_near(duplicates.shingles(text), letter) for text in texts)
    assert 2_800 < len(mailboxes.CAMPAIGN_LETTER) < 3_600


def test_backlog_holds_a_campaign_letter_every_tenth_reply() -> None:
    subjects = [message_from_bytes(d)["Subject"] for d in mailboxes.backlog_mails(30, "b")]
    campaign = [n for n, subject in enumerate(subjects) if "kampagne" in subject]
    assert campaign == [9, 19, 29]


def test_campaign_goal_sizes_and_backlog_flag() -> None:
    args = suite.arguments(["--goals", "7", "--backlog", "50000"])
    assert (args.campaign, args.campaign_stored, args.backlog) == ([500, 2000], [500, 5000], 50000)
    assert suite.arguments([]).backlog == 0
