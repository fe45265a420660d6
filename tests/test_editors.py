"""Editor files: the TextMate grammar tokenises a sample; the VS Code manifest
points at files that exist; the Pygments lexer highlights maps without errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VSCODE = ROOT / "editors" / "vscode"
GRAMMAR = VSCODE / "syntaxes" / "arg.tmLanguage.json"

SAMPLE = '''title "Sample"  # a comment
source essay "An \\"essay\\""
thesis conflict "Russia and Iran differ."
evidence e1 "A fact."
  date 2016-11
  credibility medium
  supports conflict weight 0.8
  rates rivals CC, partners I
  undercuts a -> conflict
expect conflict accepted under grounded
'''


def _patterns(grammar: dict, items: list[dict]) -> list[dict]:
    flat: list[dict] = []
    for item in items:
        if "include" in item:
            flat.extend(_patterns(grammar, [grammar["repository"][item["include"].lstrip("#")]]))
        elif "patterns" in item and "match" not in item and "begin" not in item:
            flat.extend(_patterns(grammar, item["patterns"]))
        else:
            flat.append(item)
    return flat


def tokenize(grammar: dict, text: str) -> list[tuple[str, str]]:
    """A small TextMate-style tokenizer: at each point the earliest match wins,
    ties go to the first pattern; begin/end regions (strings) span to their end."""
    patterns = _patterns(grammar, grammar["patterns"])
    compiled = [(p, re.compile(p.get("match") or p["begin"], re.M)) for p in patterns]
    tokens: list[tuple[str, str]] = []
    for line in text.split("\n"):
        position = 0
        while position < len(line):
            best = None
            for pattern, regex in compiled:
                found = regex.search(line, position)
                if found and found.end() > found.start() and (best is None or found.start() < best[1].start()):
                    best = (pattern, found)
            if best is None:
                break
            pattern, found = best
            if "begin" in pattern:
                end = re.compile(r'(?:\\.|[^"\\])*"')
                closing = end.match(line, found.end())
                stop = closing.end() if closing else len(line)
                tokens.append((pattern["name"], line[found.start():stop]))
                position = stop
                continue
            if "captures" in pattern:
                for group, capture in sorted(pattern["captures"].items()):
                    tokens.append((capture["name"], found.group(int(group))))
            else:
                tokens.append((pattern["name"], found.group(0)))
            position = found.end()
    return tokens


def test_textmate_grammar_is_valid_json_and_tokenises() -> None:
    grammar = json.loads(GRAMMAR.read_text(encoding="utf-8"))
    assert grammar["scopeName"] == "source.arg"
    tokens = tokenize(grammar, SAMPLE)
    assert ("comment.line.number-sign.arg", "# a comment") in tokens
    assert ("string.quoted.double.arg", '"An \\"essay\\""') in tokens
    assert ("storage.type.kind.arg", "thesis") in tokens
    assert ("entity.name.type.node.arg", "conflict") in tokens
    assert ("keyword.control.relation.arg", "supports") in tokens
    assert ("constant.numeric.date.arg", "2016-11") in tokens
    assert ("constant.other.grade.arg", "CC") in tokens
    assert ("constant.language.arg", "medium") in tokens
    assert ("keyword.operator.arrow.arg", "->") in tokens
    assert ("variable.other.id.arg", "rivals") in tokens


def test_vscode_manifest_points_at_existing_files() -> None:
    manifest = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    language = manifest["contributes"]["languages"][0]
    assert ".arg" in language["extensions"]
    assert (VSCODE / language["configuration"]).is_file()
    assert (VSCODE / manifest["contributes"]["grammars"][0]["path"]).is_file()
    assert (VSCODE / manifest["main"]).is_file()
    assert "lsp" in (VSCODE / manifest["main"]).read_text(encoding="utf-8")
    json.loads((VSCODE / "language-configuration.json").read_text(encoding="utf-8"))


def test_editor_grammars_are_made_from_the_keyword_tables() -> None:
    """Regenerate them with `python -m argmap.syntax.editors` after a change of keywords."""
    from argmap.syntax.editors import TEXTMATE_FILE, VIM_FILE, textmate_grammar, vim_syntax

    assert VIM_FILE.read_text(encoding="utf-8") == vim_syntax()
    assert TEXTMATE_FILE.read_text(encoding="utf-8") == textmate_grammar()


def test_every_keyword_is_coloured() -> None:
    from argmap.syntax.editors import WORD_CLASSES
    from argmap.syntax.keywords import GRADES, KEYWORDS

    coloured = {word for words in WORD_CLASSES.values() for word in words}
    assert coloured == set(KEYWORDS) | set(GRADES)


def test_vim_files_exist() -> None:
    assert "setfiletype arg" in (ROOT / "editors/vim/ftdetect/arg.vim").read_text(encoding="utf-8")
    syntax = (ROOT / "editors/vim/syntax/arg.vim").read_text(encoding="utf-8")
    assert 'b:current_syntax = "arg"' in syntax


def test_pygments_lexer_highlights_maps_without_errors() -> None:
    from pygments.token import Error, Keyword, Name

    from argmap.highlight import ArgLexer

    maps = sorted((ROOT / "maps").glob("*.arg")) + [None]
    for path in maps:
        text = path.read_text(encoding="utf-8") if path else SAMPLE
        tokens = list(ArgLexer().get_tokens(text))
        errors = [value for kind, value in tokens if kind in Error]
        assert not errors, (path, errors[:5])
        assert "".join(value for _, value in tokens) == text if text.endswith("\n") else True
    tokens = list(ArgLexer().get_tokens(SAMPLE))
    assert (Keyword.Declaration, "thesis") in tokens
    assert (Name.Class, "conflict") in tokens


def test_pygments_finds_the_lexer_by_alias_and_file_name() -> None:
    from pygments.lexers import get_lexer_by_name, get_lexer_for_filename

    lexer = get_lexer_by_name("arg")  # the entry point argmap's installation registers
    assert lexer.name == "argmap"
    assert get_lexer_for_filename("x.arg").name == "argmap"
