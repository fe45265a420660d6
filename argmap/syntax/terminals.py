"""The grammar's terminals as regular expressions, for the line scanner, the
language server and the highlighters. ``tests/test_syntax_tables.py`` checks
that each equals the terminal of the same name in ``grammar/argmap.lark``."""

from __future__ import annotations

from argmap.model import ID_REGEX
from argmap.syntax.keywords import (
    CREDIBILITY_GRADES,
    GRADES,
    LEVELS,
    NODE_KINDS,
    RELIABILITY_GRADES,
    SEMANTICS_WORDS,
    STATUSES,
)

__all__ = ["ID", "STRING", "DATE", "NUMBER", "LOCATOR", "LEVEL", "GRADE", "STATUS", "SEMANTICS", "KIND",
           "CREDIBILITY_GRADE", "RELIABILITY_GRADE", "words"]


def words(alternatives: tuple[str, ...]) -> str:
    """A keyword terminal: the words as whole words, in the grammar's form."""
    return "(?:" + "|".join(alternatives) + r")\b"


ID = ID_REGEX
STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
DATE = r"\d+(?:-\d+){0,2}"
NUMBER = r"\d+(?:\.\d+)?|\.\d+"
LOCATOR = r'[^\s"#,]+'
KIND = words(NODE_KINDS)
LEVEL = words(LEVELS)
GRADE = words(GRADES)
STATUS = words(STATUSES)
SEMANTICS = words(SEMANTICS_WORDS)
CREDIBILITY_GRADE = "[" + "".join(CREDIBILITY_GRADES) + "]" + r"\b"  # [123456]\b
RELIABILITY_GRADE = "[" + "".join(RELIABILITY_GRADES) + "]" + r"\b"  # [ABCDEF]\b
