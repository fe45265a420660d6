"""The editor grammars, made from the keyword tables.

    python -m argmap.syntax.editors          # rewrite editors/vim/syntax/arg.vim and
                                             # editors/vscode/syntaxes/arg.tmLanguage.json

``tests/test_editors.py`` checks that the committed files are what this
module makes, so a keyword added to :mod:`argmap.syntax.keywords` reaches
Vim and VS Code (and the Pygments lexer, :mod:`argmap.highlight`, which
reads :data:`WORD_CLASSES` itself) or the tests fail.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from argmap.model import ID_REGEX
from argmap.syntax.keywords import (
    ARGUMENT,
    ARGUMENT_ATTRIBUTES,
    GRADES,
    HEADER_BLOCKS,
    NODE_ATTRIBUTES,
    NODE_KINDS,
    OTHER_KEYWORDS,
    RELATIONS,
    SOURCE_ATTRIBUTES,
    Shape,
)

__all__ = ["WORD_CLASSES", "vim_syntax", "textmate_grammar", "write_files"]

# The words each editor colours alike. Ratings relate evidence to hypotheses,
# so `rates` is coloured with the relations.
WORD_CLASSES: dict[str, tuple[str, ...]] = {
    "kinds": NODE_KINDS,
    "blocks": (*HEADER_BLOCKS, ARGUMENT),
    "relations": tuple(r.keyword for r in RELATIONS)
    + tuple(a.keyword for a in NODE_ATTRIBUTES if a.shape is Shape.RATINGS),
    "attributes": tuple(dict.fromkeys(a.keyword for a in NODE_ATTRIBUTES + ARGUMENT_ATTRIBUTES + SOURCE_ATTRIBUTES
                                      if a.shape is not Shape.RATINGS)),
    "constants": OTHER_KEYWORDS,
    "grades": GRADES,
}

_ROOT = Path(__file__).resolve().parents[2]
VIM_FILE = _ROOT / "editors" / "vim" / "syntax" / "arg.vim"
TEXTMATE_FILE = _ROOT / "editors" / "vscode" / "syntaxes" / "arg.tmLanguage.json"


def _vim_alternatives(words: tuple[str, ...]) -> str:
    return "\\(" + "\\|".join(words) + "\\)"


def vim_syntax() -> str:
    """editors/vim/syntax/arg.vim."""
    w = WORD_CLASSES
    return f'''" Vim syntax file for argmap's .arg argument maps.
" Made by `python -m argmap.syntax.editors` from argmap's keyword tables: do not edit.
if exists("b:current_syntax")
  finish
endif

syn match   argComment   "#.*$" contains=@Spell
syn region  argString    start=+"+ skip=+\\\\\\\\\\|\\\\"+ end=+"+ contains=argEscape,@Spell
syn match   argEscape    +\\\\[\\\\"]+ contained
syn match   argKind      "^{_vim_alternatives(w["kinds"])}\\>" nextgroup=argDefId skipwhite
syn match   argDefId     "\\h[[:alnum:]_]*\\([.-][[:alnum:]_]\\+\\)*" contained
syn match   argBlock     "^{_vim_alternatives(w["blocks"])}\\>"
syn keyword argRelation  {" ".join(w["relations"])}
syn keyword argAttribute {" ".join(w["attributes"])}
syn keyword argConstant  {" ".join(w["constants"])}
syn match   argGrade     "\\<{_vim_alternatives(w["grades"])}\\>"
syn match   argDate      "\\<\\d\\{{1,4}}\\(-\\d\\{{1,2}}\\)\\{{1,2}}\\>"
syn match   argArrow     "->"

hi def link argComment   Comment
hi def link argString    String
hi def link argEscape    SpecialChar
hi def link argKind      Structure
hi def link argDefId     Identifier
hi def link argBlock     Statement
hi def link argRelation  Keyword
hi def link argAttribute Type
hi def link argConstant  Constant
hi def link argGrade     Constant
hi def link argDate      Number
hi def link argArrow     Operator

let b:current_syntax = "arg"
'''


def _words(words: tuple[str, ...]) -> str:
    return "\\b(" + "|".join(words) + ")\\b"


def textmate_grammar() -> str:
    """editors/vscode/syntaxes/arg.tmLanguage.json."""
    w = WORD_CLASSES
    grammar = {
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "name": "argmap",
        "comment": "Made by `python -m argmap.syntax.editors` from argmap's keyword tables: do not edit.",
        "scopeName": "source.arg",
        "fileTypes": ["arg"],
        "patterns": [
            *({"include": f"#{name}"} for name in ("comment", "string", "blocks", "relations", "attributes",
                                                   "constants", "grades", "dates", "numbers")),
            {"match": "->", "name": "keyword.operator.arrow.arg"},
            {"match": ",", "name": "punctuation.separator.comma.arg"},
            {"match": ID_REGEX, "name": "variable.other.id.arg"},
        ],
        "repository": {
            "comment": {"match": "#.*$", "name": "comment.line.number-sign.arg"},
            "string": {"begin": '"', "end": '"', "name": "string.quoted.double.arg",
                       "patterns": [{"match": '\\\\[\\\\\\"]', "name": "constant.character.escape.arg"}]},
            "blocks": {"patterns": [
                {"match": f"^({'|'.join(w['kinds'])})\\s+({ID_REGEX})",
                 "captures": {"1": {"name": "storage.type.kind.arg"}, "2": {"name": "entity.name.type.node.arg"}}},
                {"match": f"^(source|section)\\s+({ID_REGEX})(?=\\s)",
                 "captures": {"1": {"name": "keyword.declaration.arg"},
                              "2": {"name": "entity.name.namespace.arg"}}},
                {"match": f"^({'|'.join(w['blocks'])})\\b", "name": "keyword.declaration.arg"},
            ]},
            "relations": {"match": _words(w["relations"]), "name": "keyword.control.relation.arg"},
            "attributes": {"match": _words(w["attributes"]), "name": "entity.other.attribute-name.arg"},
            "constants": {"match": _words(w["constants"]), "name": "constant.language.arg"},
            "grades": {"match": _words(w["grades"]), "name": "constant.other.grade.arg"},
            "dates": {"match": "\\b\\d{1,4}(?:-\\d{1,2}){1,2}\\b", "name": "constant.numeric.date.arg"},
            "numbers": {"match": "\\b\\d+(?:\\.\\d+)?\\b", "name": "constant.numeric.arg"},
        },
    }
    return json.dumps(grammar, indent=2, ensure_ascii=False) + "\n"


def write_files() -> list[Path]:
    """Rewrite both editor grammars; returns the files written."""
    VIM_FILE.write_text(vim_syntax(), encoding="utf-8")
    TEXTMATE_FILE.write_text(textmate_grammar(), encoding="utf-8")
    return [VIM_FILE, TEXTMATE_FILE]


if __name__ == "__main__":
    for written in write_files():
        sys.stdout.write(f"wrote {written}\n")
