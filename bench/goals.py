"""The six goals of issue 11 and the campaign goal of issue 20 (7), each a function of the
Workbench that records its figures.

Ratios compare figures taken in this one run, side by side (two variants interleaved), as
the machine may be shared with other work."""

from __future__ import annotations

import statistics

from bench.workbench import Workbench, has_workers, measure, write_config
from tests.kit.postgres import find_postgres, start_postgres

FULL_SIZE = 50_000  # goal 5 is about this many replies; smaller runs are extrapolated
MINUTES = 15  # what "finish in minutes" means for goal 5


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


INGEST_TARGET, INGEST_AIM = 0.05, 0.2  # issue 20: 0.05x the raw fetch now, 0.2x in time
POSTGRES_TARGET = 0.9  # issue 20: PostgreSQL at least 0.9x SQLite


def ingest(bench: Workbench) -> None:
    """Goal 1: cold poll rate of text replies against the raw fetch rate of the same box
    (imapclient, BODY.PEEK[] in batches of the same size)."""
    for size in bench.args.sizes:
        config = write_config(bench.workdir / f"fetch{size}", bench.box("text", size))
        fetches = [measure("fetch", config) for _ in range(bench.args.repeats)]
        polls = bench.cold_polls(size, bench.args.repeats)
        raw = median([f["messages"] / f["seconds"] for f in fetches])
        ours = median([p["stored"] / p["seconds"] for p in polls])
        target = f">= {INGEST_TARGET}x (aim {INGEST_AIM}x)"
        bench.goal(1, f"cold poll, {size} text replies", f"{ours:.0f}/s vs raw fetch {raw:.0f}/s",
                   ours / raw, target, ours / raw >= INGEST_TARGET, size=size,
                   ingest_per_s=ours, raw_fetch_per_s=raw)  # fmt: skip


def one_new(bench: Workbench) -> None:
    """Goal 2: a poll storing one new reply into the largest and the smallest database,
    by wall seconds and by the process's CPU seconds (which vary less on a shared machine)."""
    small, large = min(bench.args.stored), max(bench.args.stored)
    wall, cpu = one_reply_polls(bench, (small, large), "text")
    imported = {size: bench.stored_database(size)["seconds"] for size in (small, large)}
    for label, values, unit in (("CPU", cpu, "s CPU"), ("wall", wall, "s")):
        big, little = median(values[large]), median(values[small])
        bench.goal(2, f"poll of one new reply, {large} vs {small} stored ({label})",
                   f"{big:.3f} {unit} vs {little:.3f} {unit}", big / little, "<= 1.2x",
                   big / little <= 1.2, seconds={large: big, small: little},
                   import_seconds=imported)  # fmt: skip


def one_reply_polls(
    bench: Workbench, sizes: tuple[int, int], kind: str
) -> tuple[dict[int, list[float]], dict[int, list[float]]]:
    """Wall and CPU seconds of polls storing one new campaign letter into the stored
    databases of `kind` at `sizes`, --repeats times each."""
    wall: dict[int, list[float]] = {size: [] for size in sizes}
    cpu: dict[int, list[float]] = {size: [] for size in sizes}
    for number in range(bench.args.repeats):
        for size in sizes:  # interleaved, so a change in the machine's load hits both
            bench.deliver_one(size, number, kind)
        bench.settle()
        for size in sizes:
            result = measure("poll", bench.stored_database(size, kind)["config"])
            if result["stored"] != 1:
                raise RuntimeError(f"a one-reply poll stored {result['stored']}")
            wall[size].append(result["seconds"])
            cpu[size].append(result["cpu_op_seconds"])
    return wall, cpu


def memory(bench: Workbench) -> None:
    """Goal 3: peak RSS of a cold poll at the two --rss-sizes (one poll each)."""
    small, large = bench.args.rss_sizes
    rss = {size: bench.cold_polls(size, 1)[0]["rss_mb"] for size in (small, large)}
    ratio = rss[large] / rss[small]
    bench.goal(3, f"peak RSS of a cold poll, {large} vs {small}",
               f"{rss[large]:.0f} MiB vs {rss[small]:.0f} MiB", ratio, "<= 1.3x", ratio <= 1.3,
               rss_mb=rss)  # fmt: skip


def attachments(bench: Workbench) -> None:
    """Goal 4: attachment-heavy cold import with `[extract] workers = 2` against 1."""
    count = bench.args.attachments
    mbox = bench.mbox("attach", count)
    variants = (1, 2) if has_workers() else (0,)  # 0: the config as the code knows it
    times: dict[int, list[float]] = {workers: [] for workers in variants}
    cores: dict[int, list[float]] = {workers: [] for workers in variants}
    for number in range(bench.args.repeats):
        for workers in variants:  # interleaved, so a change in the machine's load hits both
            config = write_config(bench.workdir / f"attach-w{workers}-{number}", workers=workers)
            result = measure("import", config, mbox)
            if result["stored"] != count:
                raise RuntimeError(f"attachment import stored {result['stored']} of {count}")
            times[workers].append(result["seconds"])
            cores[workers].append(result["cpu_seconds"] / result["seconds"])
    seconds = {workers: median(values) for workers, values in times.items()}
    used = {workers: median(values) for workers, values in cores.items()}
    name = f"{count} attachment-heavy replies, 2 workers vs 1"
    if not has_workers():
        bench.goal(4, name, f"not measurable: no [extract] workers (one run: {seconds[0]:.1f} s, "
                   f"cores used {used[0]:.2f})", None, ">= 1.7x", None, seconds=seconds,
                   cores_used=used)  # fmt: skip
        return
    ratio = seconds[1] / seconds[2]
    bench.goal(4, name, f"{seconds[2]:.1f} s vs {seconds[1]:.1f} s "
               f"(cores used: {used[2]:.2f} vs {used[1]:.2f})", ratio, ">= 1.7x", ratio >= 1.7,
               seconds=seconds, cores_used=used)  # fmt: skip


def rework(bench: Workbench) -> None:
    """Goal 5: reparse --all and analyse over the largest stored database, extrapolated."""
    size = max(bench.args.stored)
    database = bench.stored_database(size)
    replies = size + database["added"]
    for operation in ("reparse", "analyse"):
        result = measure(operation, database["config"])
        rate = replies / result["seconds"]
        minutes = FULL_SIZE / rate / 60
        bench.goal(5, f"{operation} over {replies} replies",
                   f"{result['seconds']:.1f} s ({rate:.0f}/s, {result['rss_mb']:.0f} MiB peak); "
                   f"{FULL_SIZE} would take {minutes:.1f} min", minutes / MINUTES,
                   f"<= 1.0 ({MINUTES} min at {FULL_SIZE})", minutes <= MINUTES, size=replies,
                   seconds=result["seconds"], rss_mb=result["rss_mb"])  # fmt: skip


def postgres(bench: Workbench) -> None:
    """Goal 6: the same cold import into PostgreSQL and SQLite, interleaved."""
    bindir = find_postgres()
    name = f"cold import of {bench.args.pg_size} into PostgreSQL vs SQLite"
    if bindir is None:
        bench.goal(6, name, "not measurable: PostgreSQL not installed", None,
                   f">= {POSTGRES_TARGET}x", None)  # fmt: skip
        return
    size, mbox = bench.args.pg_size, bench.mbox("text", bench.args.pg_size)
    server = start_postgres(bindir)
    rates: dict[str, list[float]] = {"postgresql": [], "sqlite": []}
    try:
        for number in range(bench.args.repeats):
            urls = {"postgresql": server.create_database(f"bench{number}"), "sqlite": None}
            for kind, url in urls.items():
                config = write_config(bench.workdir / f"{kind}-{number}", url=url)
                result = measure("import", config, mbox)
                rates[kind].append(result["stored"] / result["seconds"])
    finally:
        server.stop()
    ours, lite = median(rates["postgresql"]), median(rates["sqlite"])
    bench.goal(6, name, f"{ours:.0f}/s vs {lite:.0f}/s", ours / lite, f">= {POSTGRES_TARGET}x",
               ours / lite >= POSTGRES_TARGET, size=size)  # fmt: skip


def campaign(bench: Workbench) -> None:
    """Goal 7 (issue 20): a campaign of near-twin letters, placed in time linear in its size.

    Per-letter CPU seconds of cold polls of two campaign boxes; one new letter polled into
    two imported campaigns (CPU); with --backlog, the import of that many replies, a tenth of
    them campaign letters, against BACKLOG_MINUTES."""
    small, large = min(bench.args.campaign), max(bench.args.campaign)
    per_letter = {}
    for size in (small, large):
        polls = bench.cold_polls(size, bench.args.repeats, "campaign")
        per_letter[size] = median([p["cpu_op_seconds"] / size for p in polls])
    ratio = per_letter[large] / per_letter[small]
    bench.goal(7, f"cold poll of a campaign, per letter, {large} vs {small} letters (CPU)",
               f"{1000 * per_letter[large]:.1f} ms vs {1000 * per_letter[small]:.1f} ms CPU",
               ratio, "<= 1.2x", ratio <= 1.2, ms_per_letter={
                   size: 1000 * value for size, value in per_letter.items()})  # fmt: skip
    small, large = min(bench.args.campaign_stored), max(bench.args.campaign_stored)
    _, cpu = one_reply_polls(bench, (small, large), "campaign")
    big, little = median(cpu[large]), median(cpu[small])
    bench.goal(7, f"poll of one new letter into a campaign of {large} vs {small} (CPU)",
               f"{big:.3f} s CPU vs {little:.3f} s CPU", big / little, "<= 1.2x",
               big / little <= 1.2, seconds={large: big, small: little})  # fmt: skip
    if bench.args.backlog:
        backlog(bench, bench.args.backlog)


BACKLOG_MINUTES = 10  # issue 20: 50,000 replies with a 5,000-letter campaign, on 2 cores


def backlog(bench: Workbench, size: int) -> None:
    """The import of a backlog of `size` replies, a tenth of them the campaign's letters."""
    config = write_config(bench.workdir / f"backlog{size}")
    result = measure("import", config, bench.mbox("backlog", size))
    if result["stored"] != size:
        raise RuntimeError(f"backlog import stored {result['stored']} of {size}")
    minutes = result["seconds"] / 60
    bench.goal(7, f"import of a {size}-reply backlog with a {size // 10}-letter campaign",
               f"{minutes:.1f} min ({size / result['seconds']:.0f}/s, {result['rss_mb']:.0f} MiB "
               f"peak, {result['cpu_seconds'] / 60:.1f} CPU min)", minutes / BACKLOG_MINUTES,
               f"<= 1.0 ({BACKLOG_MINUTES} min)", minutes <= BACKLOG_MINUTES, size=size,
               seconds=result["seconds"], rss_mb=result["rss_mb"])  # fmt: skip


STEPS = {1: ingest, 2: one_new, 3: memory, 4: attachments, 5: rework, 6: postgres, 7: campaign}
