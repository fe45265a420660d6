"""A Pygments lexer for .arg maps, registered as the entry point ``arg`` so
that Sphinx, MkDocs and ``pygmentize`` highlight ```arg`` code blocks.

Needs Pygments (``pip install 'argmap[highlight]'``); argmap itself never
imports this module.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text, Whitespace

from argmap.model import ID_REGEX as _ID  # the grammar's ID terminal
from argmap.syntax.editors import WORD_CLASSES

__all__ = ["ArgLexer"]

# the words coloured alike, as in the editor grammars (from the keyword tables)
_KINDS, _BLOCKS, _RELATIONS, _ATTRIBUTES, _CONSTANTS, _GRADES = (
    WORD_CLASSES[name] for name in ("kinds", "blocks", "relations", "attributes", "constants", "grades"))


class ArgLexer(RegexLexer):
    """Lexer for argmap's ``.arg`` argument maps."""

    name = "argmap"
    aliases: ClassVar[list[str]] = ["arg", "argmap"]
    filenames: ClassVar[list[str]] = ["*.arg"]
    mimetypes: ClassVar[list[str]] = ["text/x-argmap"]
    url = "https://github.com/argmap/argmap"

    tokens: ClassVar[dict[str, list[Any]]] = {
        "root": [
            (r"\s+", Whitespace),
            (r"#.*?$", Comment.Single),
            (r'"', String.Double, "string"),
            (r"^(" + "|".join(_KINDS) + r")(\s+)(" + _ID + r")", bygroups(Keyword.Declaration, Whitespace, Name.Class)),
            (r"^(source|section)(\s+)(" + _ID + r")(?=\s)", bygroups(Keyword.Declaration, Whitespace, Name.Namespace)),
            (words(_BLOCKS, prefix=r"^", suffix=r"\b"), Keyword.Declaration),
            (words(_RELATIONS, suffix=r"\b"), Keyword),
            (words(_ATTRIBUTES, suffix=r"\b"), Name.Attribute),
            (words(_CONSTANTS, suffix=r"\b"), Keyword.Constant),
            (words(_GRADES, prefix=r"\b", suffix=r"\b"), Name.Constant),
            (r"\d{1,4}(?:-\d{1,2}){0,2}\b(?![.\d])", Number.Integer),
            (r"\d+(?:\.\d+)?", Number.Float),
            (r"->", Operator),
            (r",", Punctuation),
            (r"[^\s\"#,]*[§¶][^\s\"#,]*|p\.\S+", Name.Label),
            (_ID, Name.Variable),
            (r"[^\s\"#,]+", Text),
        ],
        "string": [
            (r'\\[\\"]', String.Escape),
            (r'[^"\\]+', String.Double),
            (r"\\", String.Double),
            (r'"', String.Double, "#pop"),
        ],
    }
