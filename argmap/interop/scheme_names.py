"""Argumentation scheme names, between other formats and argmap's scheme ids.

argmap names a scheme by an id (``scheme expert_opinion``; ``argmap schemes``
lists its catalogue). AIF names it by a title (OVA writes ``Expert Opinion``,
AIFdb and Araucaria ``Argument From Expert Opinion``), Argdown by an
inference rule (``-- Argument from expert opinion --``).

* Import: a name is folded (case, punctuation, a leading ``Argument from``)
  and matched against the catalogue's ids and titles, and a few variants
  (``Positive Consequences``, ``Negative Consequences`` -> ``consequences``);
  any other name becomes an id made of its words (``Verbal Classification``
  -> ``verbal_classification``; rule W214 says argmap knows no critical
  questions for it). The defaults (``Default Inference``, ``Default
  Conflict``, a bare ``RA``) are no scheme.
* Export: a catalogue id is written as the format writes it (AIF:
  ``Expert Opinion``; Argdown: ``Argument from expert opinion``), another id
  as its words (``Verbal Classification``).
* When the name read is not what export would write back, the argument keeps
  it in a note ``scheme name: Argument From Consequences``, and export writes
  that name: a second round trip changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from argmap.model import Node
from argmap.schemes import SCHEMES

__all__ = ["NAME_NOTE", "DEFAULT_NAMES", "is_default", "scheme_id", "aif_name", "argdown_rule", "imported",
           "written_name"]

NAME_NOTE = "scheme name: "  # + the name as the imported file wrote it
# the defaults of AIF and OVA (no scheme), and a bare S-node type used as its text by older AIFdb nodesets
DEFAULT_NAMES = frozenset({"", "default inference", "default conflict", "default rephrase", "default preference",
                           "ra", "ca", "ma", "pa"})
_ALIASES = {"positive_consequences": "consequences", "negative_consequences": "consequences",
            "cause_to_effect": "cause_to_effect", "causal": "cause_to_effect",
            "position_to_know": "position_to_know", "ad_populum": "popular_opinion",
            "expert": "expert_opinion", "witness": "witness_testimony"}
_MAX_WORDS = 6
_LEAD = re.compile(r"^(?:the_)?argument_from_(?:the_)?|^argument_by_")


def _fold(name: str) -> str:
    words = re.findall(r"[^\W_]+", name.lower())
    return "_".join(words)


_BY_TITLE = {_LEAD.sub("", _fold(s.title)): s.id for s in SCHEMES.values()}


def is_default(name: str) -> bool:
    return " ".join(name.split()).lower() in DEFAULT_NAMES


def scheme_id(name: str) -> str | None:
    """The argmap scheme id for a scheme name (None for a default or empty name)."""
    if is_default(name):
        return None
    folded = _fold(name)
    bare = _LEAD.sub("", folded) or folded
    for candidate in (folded, bare):
        if candidate in SCHEMES:
            return candidate
        if candidate in _BY_TITLE:
            return _BY_TITLE[candidate]
        if candidate in _ALIASES:
            return _ALIASES[candidate]
    made = "_".join(bare.split("_")[:_MAX_WORDS])  # the note keeps a longer name whole
    return made if made and not made[0].isdigit() else f"scheme_{made or 'unnamed'}"


def _words(scheme: str) -> str:
    return " ".join(scheme.split("_"))


def aif_name(scheme: str) -> str:
    """How AIF (OVA) names a scheme: ``expert_opinion`` -> ``Expert Opinion``."""
    known = SCHEMES.get(scheme)
    title = _LEAD.sub("", _fold(known.title)) if known else scheme
    return " ".join(w[:1].upper() + w[1:] for w in _words(title).split())


def argdown_rule(scheme: str) -> str:
    """An Argdown inference rule naming a scheme: its catalogue title, else its words."""
    known = SCHEMES.get(scheme)
    if known is not None:
        return known.title
    words = _words(scheme)
    return words[:1].upper() + words[1:]


def written_name(node: Node) -> str | None:
    """The scheme name an import kept in a note, if any."""
    return next((n[len(NAME_NOTE):] for n in node.notes if n.startswith(NAME_NOTE)), None)


def imported(name: str, style: Callable[[str], str] = aif_name) -> tuple[str | None, str | None]:
    """(scheme id, note) for a scheme name read from a file: the note keeps
    the name when export would write another (``style``: how the format's
    export names an id, :func:`aif_name` or :func:`argdown_rule`)."""
    found = scheme_id(name)
    if found is None:
        return None, None
    clean = " ".join(name.split())
    return found, (None if clean == style(found) else NAME_NOTE + clean)
