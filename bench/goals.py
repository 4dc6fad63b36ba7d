"""The six goals of issue 11, each a function of the Workbench that records its figures.

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


def ingest(bench: Workbench) -> None:
    """Goal 1: cold poll rate of text replies against the raw fetch rate of the same box
    (imapclient, BODY.PEEK[] in batches of the same size)."""
    for size in bench.args.sizes:
        config = write_config(bench.workdir / f"fetch{size}", bench.box("text", size))
        fetches = [measure("fetch", config) for _ in range(bench.args.repeats)]
        polls = bench.cold_polls(size, bench.args.repeats)
        raw = median([f["messages"] / f["seconds"] for f in fetches])
        ours = median([p["stored"] / p["seconds"] for p in polls])
        bench.goal(1, f"cold poll, {size} text replies", f"{ours:.0f}/s vs raw fetch {raw:.0f}/s",
                   ours / raw, ">= 0.2x", ours / raw >= 0.2, size=size,
                   ingest_per_s=ours, raw_fetch_per_s=raw)  # fmt: skip


def one_new(bench: Workbench) -> None:
    """Goal 2: a poll storing one new reply into the largest and the smallest database,
    by wall seconds and by the process's CPU seconds (which vary less on a shared machine)."""
    small, large = min(bench.args.stored), max(bench.args.stored)
    wall: dict[int, list[float]] = {small: [], large: []}
    cpu: dict[int, list[float]] = {small: [], large: []}
    for number in range(bench.args.repeats):
        for size in (small, large):  # interleaved, so a change in the machine's load hits both
            bench.deliver_one(size, number)
        bench.settle()
        for size in (small, large):
            result = measure("poll", bench.stored_database(size)["config"])
            if result["stored"] != 1:
                raise RuntimeError(f"a one-reply poll stored {result['stored']}")
            wall[size].append(result["seconds"])
            cpu[size].append(result["cpu_op_seconds"])
    imported = {size: bench.stored[size]["seconds"] for size in (small, large)}
    for label, values, unit in (("CPU", cpu, "s CPU"), ("wall", wall, "s")):
        big, little = median(values[large]), median(values[small])
        bench.goal(2, f"poll of one new reply, {large} vs {small} stored ({label})",
                   f"{big:.3f} {unit} vs {little:.3f} {unit}", big / little, "<= 1.2x",
                   big / little <= 1.2, seconds={large: big, small: little},
                   import_seconds=imported)  # fmt: skip


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
        bench.goal(6, name, "not measurable: PostgreSQL not installed", None, ">= 1.0x", None)
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
    bench.goal(6, name, f"{ours:.0f}/s vs {lite:.0f}/s", ours / lite, ">= 1.0x", ours / lite >= 1.0,
               size=size)  # fmt: skip


STEPS = {1: ingest, 2: one_new, 3: memory, 4: attachments, 5: rework, 6: postgres}
