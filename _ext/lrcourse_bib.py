"""Author-year bibliography labels that match the book's ``{cite}`` text.

``bibtex_reference_style: author_year`` makes sphinxcontrib-bibtex write
citations such as "Goyal et al., 2017", but the bibliography list takes its
labels from the pybtex *formatting* style (``alpha`` by default: "GDG+17").
This module registers a pybtex formatting style, ``lrcourse``, whose labels
are the same author-year text:

* one author: "Bengio, 2012"; two: "Robbins and Monro, 1951"; three or more:
  "Goyal et al., 2017" (the rules of sphinxcontrib-bibtex's ``author_year``
  referencing style, ``PersonStyle``);
* entries are sorted by author, year and title (pybtex ``plain``);
* a URL is shown whole (without ``https://``), so a link to a file at a
  tagged version shows that version and path.

Labels are computed once over *every* entry of the bibliography files, not
per ``{bibliography}`` directive: a chapter's filtered bibliography and the
full list on the references page give an entry the same label, so
sphinxcontrib-bibtex never sees one label for two keys (its
"duplicate label" warning). Two entries with the same author-year text get
"2017a", "2017b" in the order of their titles.
"""

from __future__ import annotations

from collections import defaultdict

import pybtex.plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import field, href, words

STYLE_NAME = "lrcourse"
LABEL_STYLE_NAME = "lrcourse_author_year"

# key -> label over all entries of the bibliography files (set by set_universe).
_GLOBAL_LABELS: dict[str, str] = {}


def _plain(rich) -> str:
    return rich.render_as("text").strip()


def _names(persons) -> str:
    last = [
        " ".join(_plain(p) for p in (person.rich_prelast_names + person.rich_last_names))
        for person in persons
    ]
    if len(last) == 1:
        return last[0]
    if len(last) == 2:
        return f"{last[0]} and {last[1]}"
    return f"{last[0]} et al."


def _who(entry) -> str:
    for role in ("author", "editor"):
        persons = entry.persons.get(role)
        if persons:
            return _names(persons)
    title = entry.fields.get("title")
    if title:
        from pybtex.richtext import Text

        return _plain(Text.from_latex(title))
    return entry.key


def base_label(entry) -> str:
    """'Author, year' without a disambiguating letter."""
    year = entry.fields.get("year", "n.d.")
    return f"{_who(entry)}, {year}"


def labels_for(entries) -> dict[str, str]:
    """key -> unique author-year label (letters a, b, ... for equal labels)."""
    groups: dict[str, list] = defaultdict(list)
    for entry in entries:
        groups[base_label(entry)].append(entry)
    labels = {}
    for label, group in groups.items():
        if len(group) == 1:
            labels[group[0].key] = label
            continue
        group.sort(key=lambda e: (e.fields.get("title", "").lower(), e.key))
        for i, entry in enumerate(group):
            labels[entry.key] = f"{label}{chr(ord('a') + i)}"
    return labels


def set_universe(entries) -> None:
    """Compute the labels once from every entry of the bibliography files."""
    _GLOBAL_LABELS.clear()
    _GLOBAL_LABELS.update(labels_for(entries))


class AuthorYearLabelStyle(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        sorted_entries = list(sorted_entries)
        local = labels_for(sorted_entries)
        for entry in sorted_entries:
            yield _GLOBAL_LABELS.get(entry.key) or local[entry.key]


class AuthorYearStyle(PlainStyle):
    default_label_style = LABEL_STYLE_NAME

    def format_url(self, e):
        # The whole address, without its scheme: the theme would shorten a
        # link whose text is its URL to "owner/repo", hiding the version
        # and the file that a framework-source entry cites.
        shown = e.fields.get("url", "").split("://", 1)[-1]
        return words["URL:", href(field("url", raw=True))[shown]]


def register() -> None:
    pybtex.plugin.register_plugin("pybtex.style.labels", LABEL_STYLE_NAME, AuthorYearLabelStyle, force=True)
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, AuthorYearStyle, force=True)


def env_updated(app, env) -> list:
    """Runs before sphinxcontrib-bibtex formats the bibliographies."""
    domain = env.get_domain("cite")
    entries = list(domain.bibdata.data.entries.values())
    # Two entries with the same author-year text are told apart by a letter
    # in their *year* ("2026a", "2026b"): the {cite} text, which
    # sphinxcontrib-bibtex writes from the year field, then shows the same
    # letter as the bibliography label.
    labels = labels_for(entries)
    for entry in entries:
        label = labels.get(entry.key, "")
        base = base_label(entry)
        if label != base and label.startswith(base):
            entry.fields["year"] = entry.fields.get("year", "n.d.") + label[len(base):]
    set_universe(entries)
    return []
