"""What bench.suite prints and keeps: the machine it ran on, one record per goal figure, and
the README's Markdown table of a results file."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
from pathlib import Path
from typing import Any


def machine() -> dict[str, Any]:
    """CPU, cores, RAM, Python and SQLite versions, and the load average now."""
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    cpu = next(
        (line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")),
        platform.processor() or platform.machine(),
    )
    meminfo = Path("/proc/meminfo")
    memory_kb = int(meminfo.read_text().split()[1]) if meminfo.exists() else 0
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)),
        "memory_gib": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "system": platform.platform(),
        "load_at_start": list(os.getloadavg()),
    }


def goal_record(
    number: int,
    name: str,
    figure: str,
    ratio: float | None,
    target: str,
    met: bool | None,
    **data: object,
) -> dict[str, Any]:
    """One row of the results; `ratio` and `met` are None when the goal was not measurable."""
    return {
        "goal": number,
        "name": name,
        "figure": figure,
        "ratio": None if ratio is None else round(ratio, 3),
        "target": target,
        "met": met,
        **data,
    }


def ratio_text(ratio: float) -> str:
    """Two decimals, three below 0.1 (goal 1's ratios are around 0.01)."""
    return f"{ratio:.2f}" if ratio >= 0.1 else f"{ratio:.3f}"


def goal_line(goal: dict[str, Any]) -> str:
    """The line the suite prints for a goal record as it is measured."""
    if goal["ratio"] is None:
        return f"  goal {goal['goal']} {goal['name']}: {goal['figure']} (target {goal['target']})"
    verdict = "met" if goal["met"] else "MISSED"
    return (
        f"  goal {goal['goal']} {goal['name']}: {goal['figure']} -> {ratio_text(goal['ratio'])}x "
        f"(target {goal['target']}) {verdict}"
    )


def _met(value: bool | None) -> str:
    return "—" if value is None else ("yes" if value else "no")


def machine_line(report: dict[str, Any]) -> str:
    info, arguments = report["machine"], report["arguments"]
    sizes = ", ".join(f"{key} {value}" for key, value in arguments.items())
    return (
        f"{info['cpu']}, {info['cores']} cores, {info['memory_gib']} GiB, Python "
        f"{info['python']}, SQLite {info['sqlite']}; load average "
        f"{info['load_at_start'][0]:.1f} at the start, {info['load_at_end'][0]:.1f} at the end; "
        f"{sizes}; {info['minutes']} min."
    )


def markdown(report: dict[str, Any]) -> str:
    """A results report as the README's table, with the machine line above it."""
    lines = [
        machine_line(report),
        "",
        "| goal | measured | figure | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for goal in report["goals"]:
        ratio = "—" if goal["ratio"] is None else ratio_text(goal["ratio"])
        lines.append(
            f"| {goal['goal']} | {goal['name']} | {goal['figure']} | {ratio} | "
            f"{goal['target']} | {_met(goal['met'])} |"
        )
    return "\n".join(lines)


def table(path: Path) -> str:
    """The README's table of a results file written by bench.suite."""
    return markdown(json.loads(path.read_text(encoding="utf-8")))
