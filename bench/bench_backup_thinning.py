#!/usr/bin/env python3
"""What the backups folder holds after a year of use, thinned and as before (docs/safety.md).

A model of real use: a desk opened on weekdays at 08:30 and left open to 18:30 (an
automatic backup at the open and every 4 hours after: 08:30, 12:30, 16:30), left open
over Wednesday nights (also 20:30, 00:30, 04:30), Back Up Now on Fridays at noon, an
update in March and June and a restore in May and September; the workspace grows from
`--start-mb` to `--end-mb` over the year (each backup is the workspace's size on its
day). Backups are files named as the desk names them (empty: only names are thinned),
and `backups.prune_backups` runs after each, as `take_backup` does. Before: the newest
10 automatic and 10 manual and 5 of each other kind (as until 5 December).

Prints, for both: files and gigabytes at the end of the year, the most the folder held,
and how far back the automatic backups reach; then what the thinning keeps at the end,
by age. Run: `.venv/bin/python bench/bench_backup_thinning.py [--start-mb N] [--end-mb N]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck_app.storage import backups

START = dt.datetime(2026, 1, 5, 8, 30, tzinfo=dt.UTC)  # a Monday
BEFORE_KEEP = {"auto": 10, "manual": 10}  # and 5 of each other kind


def a_year() -> list[tuple[dt.datetime, str]]:
    made = []
    day = START
    while day < START + dt.timedelta(days=365):
        if day.weekday() < 5:
            for hour in [0, 4, 8] + ([12, 16, 20] if day.weekday() == 2 else []):
                made.append((day + dt.timedelta(hours=hour), "auto"))
            if day.weekday() == 4:
                made.append((day + dt.timedelta(hours=3, minutes=30), "manual"))
            if (day.month, day.day) in ((3, 2), (6, 1)):
                made.append((day + dt.timedelta(minutes=1), "before-migration"))
            if (day.month, day.day) in ((5, 5), (9, 8)):
                made.append((day + dt.timedelta(hours=2), "before-restore"))
        day += dt.timedelta(days=1)
    return made


def simulate(policy: str, start_mb: float, end_mb: float) -> dict[str, object]:
    os.environ["TZ"] = "UTC"
    now = [START]
    backups._now = lambda: now[0]  # type: ignore[assignment]  # the model's clock
    with tempfile.TemporaryDirectory() as name:
        workspace = Path(name) / "w.fcdesk"
        folder = backups.backup_dir(workspace)
        folder.mkdir()
        size: dict[str, float] = {}
        most_mb, most_files = 0.0, 0
        for at, reason in a_year():
            now[0] = at
            path = folder / f"w-{at:%Y%m%d-%H%M%S}Z-{reason}.fcdesk"
            path.write_bytes(b"")
            share = (at - START) / dt.timedelta(days=365)
            size[path.name] = start_mb + (end_mb - start_mb) * share
            if policy == "thinned":
                backups.prune_backups(workspace, keep=path)
            else:
                seen: Counter[str] = Counter()
                for old, _created, kind in backups._backup_files(workspace):
                    seen[kind] += 1
                    if seen[kind] > BEFORE_KEEP.get(kind, 5):
                        old.unlink()
            held = [p.name for p in folder.glob("*.fcdesk")]
            most_mb = max(most_mb, sum(size[n] for n in held))
            most_files = max(most_files, len(held))
        listed = backups._backup_files(workspace)
        autos = [created for _p, created, kind in listed if kind == "auto"]
        ages = Counter(_bucket(now[0] - created) for created in autos)
        return {
            "files": len(listed),
            "gb": sum(size[p.name] for p, _c, _k in listed) / 1000,
            "auto_gb": sum(size[p.name] for p, _c, k in listed if k == "auto") / 1000,
            "most_gb": most_mb / 1000,
            "most_files": most_files,
            "reach_days": (now[0] - min(autos)).days if autos else 0,
            "kinds": Counter(kind for _p, _c, kind in listed),
            "ages": ages,
        }


def _bucket(age: dt.timedelta) -> str:
    for limit, label in (
        (2, "under 2 days"),
        (21, "2 days – 3 weeks"),
        (63, "3 – 9 weeks"),
        (366, "9 weeks – a year"),
    ):
        if age < dt.timedelta(days=limit):
            return label
    return "over a year"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start-mb", type=float, default=10.0)
    parser.add_argument("--end-mb", type=float, default=200.0)
    args = parser.parse_args()
    made = Counter(kind for _at, kind in a_year())
    print(
        f"A year of use: {sum(made.values())} backups made ({dict(made)}); "
        f"workspace {args.start_mb:g} → {args.end_mb:g} MB\n"
    )
    print(
        "| | files at the end | GB at the end (automatic) | most the folder held "
        "| automatic ones reach back |"
    )
    print("|---|---|---|---|---|")
    for policy in ("before", "thinned"):
        r = simulate(policy, args.start_mb, args.end_mb)
        print(
            f"| {policy} | {r['files']} ({dict(r['kinds'])}) "
            f"| {r['gb']:.1f} ({r['auto_gb']:.1f}) | "
            f"{r['most_gb']:.1f} GB, {r['most_files']} files | {r['reach_days']} days |"
        )
        if policy == "thinned":
            thinned = r
    print("\nAutomatic backups kept at the end, by age:")
    for label, count in sorted(thinned["ages"].items(), key=lambda kv: kv[0]):  # type: ignore[union-attr]
        print(f"- {label}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
