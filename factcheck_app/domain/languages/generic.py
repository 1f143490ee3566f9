"""Rules every language shares: for text whose language has no table ("und")."""

from __future__ import annotations

from factcheck_app.domain.languages import LanguageTable

TABLE = LanguageTable(
    code="und",
    name="Other language",
    native="",
    terminals=".!?\u2026\u203c\u2047\u2048\u2049\u061f\u0589\u3002\uff01\uff1f\uff61",
    strong_terminals="?!\u203c\u2047\u2048\u2049\u061f\uff01\uff1f",
    # and the corner brackets of Japanese quotes: 「」, 『』 and half-width ｢｣ (since fcdesk-5)
    openers="\"'\u201c\u2018\u201e\u201a\u00ab\u2039([{\u300c\u300e\uff62",
    closers="\"'\u201d\u2019\u201c\u2018\u00bb\u203a)]}\u300d\u300f\uff63",
    upper="A-Z\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0410-\u042f\u0401\u0531-\u0556",
)
