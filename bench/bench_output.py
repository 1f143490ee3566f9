"""What every benchmark's --json does: the figures as JSON on stdout ("-") or in a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def write_json(target: str, data: Any, **dumps: Any) -> None:
    """`data` as indented JSON, printed when `target` is "-", else written to that file.
    `dumps` goes to json.dumps (ensure_ascii=False, default=str, …)."""
    text = json.dumps(data, indent=2, **dumps)
    if target == "-":
        print(text)
    else:
        Path(target).write_text(text + "\n", encoding="utf-8")
