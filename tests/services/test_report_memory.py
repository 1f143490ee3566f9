"""The JSON export of a long article holds its text once or twice, not seven times over.

Indented, json.dumps joins a list of every piece it made (about 25 for each sentence),
which held 6.6 times the text's size: the JSON export of an article of 400,000 short
sentences (a 7 MB text file) took 1.9 GB, and one of the 150 MB text files the desk
imports would not have fitted in a laptop's memory.
"""

from __future__ import annotations

import json
import sys
import tracemalloc

from factcheck_app.services.reports.text import script_safe_json


def _sentences(count: int) -> dict[str, object]:
    """Data shaped as the JSON export's: one small object per sentence."""
    return {
        "article": {"title": "Council <budget> & roads\u2028 \x85"},
        "sentences": [
            {
                "index": i,
                "id": i + 7,
                "text": f"Line {i} said <so> & more.",
                "tag": None,
                "claimant": "",
                "status": "unreviewed",
                "sources": [],
                "reviews": [],
                "sign_off": None,
            }
            for i in range(count)
        ],
    }


def test_json_of_many_sentences_is_made_without_a_piece_list_many_times_its_size() -> None:
    data = _sentences(20_000)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        text = script_safe_json(data)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    # Twice the text at most (the stretches, then their join); 3.6 times before, and 6.6
    # for text of Latin letters only.
    assert peak < 2.5 * sys.getsizeof(text)


def test_json_is_the_same_text_as_before() -> None:
    data = _sentences(50)
    expected = json.dumps(data, ensure_ascii=False, indent=2)
    for character, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\x85", "\\u0085"),
    ):
        expected = expected.replace(character, escape)
    assert script_safe_json(data) == expected
    assert json.loads(script_safe_json(data)) == data
