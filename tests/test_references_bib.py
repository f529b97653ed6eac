"""references.bib parses, and no key is defined twice (a broken entry breaks the whole build)."""

from __future__ import annotations

import re
from pathlib import Path

BIB = Path(__file__).resolve().parent.parent / "references.bib"


def test_the_bibliography_parses():
    from pybtex.database import parse_file

    data = parse_file(str(BIB))
    assert len(data.entries) >= 10


def test_no_key_is_defined_twice():
    keys = re.findall(r"^@\w+\{([^,\s]+),", BIB.read_text(), flags=re.M)
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


def test_every_entry_has_a_year():
    # Without one the author-year style prints "n.d.".
    from pybtex.database import parse_file

    missing = [k for k, e in parse_file(str(BIB)).entries.items() if "year" not in e.fields]
    assert missing == []
