"""Build the language identifier's profiles from the texts beside this script.

Usage::

    python resources/languages/build_profiles.py [FOLDER] \
        > factcheck_app/domain/languages/profiles.py

Each ``XX.txt`` (XX an ISO 639-1 code) is news prose written for this purpose, in
the language XX; none of it is from the test sets. For each language the profile
keeps the most frequent character n-grams (one to three letters, words padded with
a space, lower case) with their counts. The output is deterministic: the test
suite rebuilds it and compares it with the module the desk ships.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from factcheck_app.domain.langid import KEEP, ngrams  # noqa: E402


def build(folder: Path) -> str:
    """The source of ``profiles.py`` for the texts in ``folder``."""
    lines = [
        '"""Character n-gram counts per language, built by',
        "resources/languages/build_profiles.py from the texts beside it. Do not edit.",
        '"""',
        "",
        "PROFILES: dict[str, dict[str, int]] = {",
    ]
    for path in sorted(folder.glob("*.txt")):
        counts = Counter(ngrams(path.read_text(encoding="utf-8")))
        kept = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:KEEP]
        lines.append(f"    {json.dumps(path.stem)}: {{")
        lines.extend(
            f"        {json.dumps(gram, ensure_ascii=False)}: {count},"
            for gram, count in sorted(kept)
        )
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE))
