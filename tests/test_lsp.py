"""The language server, driven over a pipe with real JSON-RPC messages."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsp_client import LspClient, LspError

ROOT = Path(__file__).resolve().parents[1]
ESSAY = ROOT / "maps" / "syria_iran_russia.arg"

SAMPLE = """\
title "Sample"

source essay "An essay"
  date 2016

section one "Part one"

thesis conflict "Russia and Iran pursue conflicting objectives."
  tags russia, iran

evidence ankara "Iran worked to derail the Ankara talks."
  date 2016-11
  cite essay "derail"
  supports conflct

counter shared "Both need Assad."
  attacks conflict

claim hiding "Both hide their differences."
  undercuts shared -> conflict
"""


def _uri(path: Path) -> str:
    return path.resolve().as_uri()


@pytest.fixture()
def client():
    lsp = LspClient()
    yield lsp
    lsp.close()


def _open(client: LspClient, path: Path, text: str) -> dict:
    client.notify("textDocument/didOpen", {"textDocument": {"uri": _uri(path), "languageId": "arg", "version": 1, "text": text}})
    return client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == _uri(path))


def test_initialize_advertises_features(client: LspClient) -> None:
    result = client.initialize()
    caps = result["capabilities"]
    for feature in ("hoverProvider", "definitionProvider", "referencesProvider", "renameProvider",
                    "completionProvider", "documentSymbolProvider", "foldingRangeProvider", "codeActionProvider"):
        assert caps.get(feature), feature
    assert result["serverInfo"]["name"] == "argmap"


def test_diagnostics_with_ranges_and_quick_fix(client: LspClient, tmp_path: Path) -> None:
    client.initialize()
    path = tmp_path / "m.arg"
    params = _open(client, path, SAMPLE)
    by_code = {d["code"]: d for d in params["diagnostics"]}
    assert "E102" in by_code, params["diagnostics"]
    undefined = by_code["E102"]
    # line 14 (0-based 13): "  supports conflct" -> the id starts at character 11
    assert undefined["range"] == {"start": {"line": 13, "character": 11}, "end": {"line": 13, "character": 18}}
    assert undefined["source"] == "argmap" and undefined["severity"] == 1
    assert "conflict" in undefined["message"]
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": _uri(path)}, "range": undefined["range"], "context": {"diagnostics": [undefined]}})
    edits = [e for a in actions for e in a["edit"]["changes"][_uri(path)]]
    assert {"range": undefined["range"], "newText": "conflict"} in edits


def test_syntax_errors_are_published_with_positions(client: LspClient, tmp_path: Path) -> None:
    client.initialize()
    path = tmp_path / "broken.arg"
    text = 'thesis a "x"\n  suports b\n\nclaim "y"\n'
    params = _open(client, path, text)
    syntax = [d for d in params["diagnostics"] if d["code"] == "E001"]
    assert [d["range"]["start"] for d in syntax] == [{"line": 1, "character": 2}, {"line": 3, "character": 6}]


def test_change_republishes(client: LspClient, tmp_path: Path) -> None:
    client.initialize()
    path = tmp_path / "m.arg"
    _open(client, path, SAMPLE)
    fixed = SAMPLE.replace("supports conflct", "supports conflict")
    client.notify("textDocument/didChange", {"textDocument": {"uri": _uri(path), "version": 2},
                                             "contentChanges": [{"text": fixed}]})
    params = client.wait_for("textDocument/publishDiagnostics", lambda p: p.get("version") == 2)
    assert all(d["code"] != "E102" for d in params["diagnostics"])


def test_hover_definition_references_symbols(client: LspClient, tmp_path: Path) -> None:
    client.initialize()
    path = tmp_path / "m.arg"
    _open(client, path, SAMPLE.replace("conflct", "conflict"))
    doc = {"uri": _uri(path)}
    # "  attacks conflict" is line 17 (0-based 16); the id starts at character 10
    hover = client.request("textDocument/hover", {"textDocument": doc, "position": {"line": 16, "character": 12}})
    assert "thesis" in hover["contents"]["value"] and "conflicting objectives" in hover["contents"]["value"]
    assert "Part one" in hover["contents"]["value"]
    found = client.request("textDocument/definition", {"textDocument": doc, "position": {"line": 16, "character": 12}})
    assert found[0]["range"]["start"] == {"line": 7, "character": 7}
    refs = client.request("textDocument/references", {"textDocument": doc, "position": {"line": 7, "character": 9},
                                                      "context": {"includeDeclaration": True}})
    assert sorted(r["range"]["start"]["line"] for r in refs) == [7, 13, 16, 19]
    symbols = client.request("textDocument/documentSymbol", {"textDocument": doc})
    names = [s["name"] for s in symbols]
    assert names == ["essay", "Part one"]
    assert [c["name"] for c in symbols[1]["children"]] == ["conflict", "ankara", "shared", "hiding"]
    folds = client.request("textDocument/foldingRange", {"textDocument": doc})
    assert {"startLine": 7, "endLine": 8} in [{k: f[k] for k in ("startLine", "endLine")} for f in folds]


def test_rename_updates_every_reference_and_refuses_collisions(client: LspClient, tmp_path: Path) -> None:
    client.initialize()
    path = tmp_path / "m.arg"
    _open(client, path, SAMPLE.replace("conflct", "conflict"))
    doc = {"uri": _uri(path)}
    prepared = client.request("textDocument/prepareRename", {"textDocument": doc, "position": {"line": 7, "character": 9}})
    assert prepared["placeholder"] == "conflict"
    edit = client.request("textDocument/rename", {"textDocument": doc, "position": {"line": 7, "character": 9}, "newName": "rift"})
    edits = edit["changes"][_uri(path)]
    assert len(edits) == 4 and {e["newText"] for e in edits} == {"rift"}
    with pytest.raises(LspError):
        client.request("textDocument/rename", {"textDocument": doc, "position": {"line": 7, "character": 9}, "newName": "ankara"})
    with pytest.raises(LspError):
        client.request("textDocument/rename", {"textDocument": doc, "position": {"line": 7, "character": 9}, "newName": "9bad id"})


def test_completion_after_relation_keywords_and_cite(client: LspClient, tmp_path: Path) -> None:
    client.initialize()
    text = SAMPLE.replace("conflct", "conflict") + "\nclaim extra \"More.\"\n  supports \n  cite \n"
    path = tmp_path / "m.arg"
    _open(client, path, text)
    doc = {"uri": _uri(path)}
    lines = text.split("\n")
    supports_line = lines.index("  supports ")
    labels = [i["label"] for i in client.request("textDocument/completion", {
        "textDocument": doc, "position": {"line": supports_line, "character": 11}})["items"]]
    assert "conflict" in labels and "ankara" in labels
    cite_line = lines.index("  cite ")
    labels = [i["label"] for i in client.request("textDocument/completion", {
        "textDocument": doc, "position": {"line": cite_line, "character": 7}})["items"]]
    assert labels == ["essay"]
    block = [i["label"] for i in client.request("textDocument/completion", {
        "textDocument": doc, "position": {"line": len(lines) - 1, "character": 0}})["items"]]
    assert "evidence" in block and "hypothesis" in block


def test_definition_across_an_include(client: LspClient, tmp_path: Path) -> None:
    client.initialize()
    (tmp_path / "part.arg").write_text('thesis conflict "Defined in the included file."\n', encoding="utf-8")
    main = tmp_path / "main.arg"
    text = 'include "part.arg"\n\nclaim c "A claim."\n  supports conflict\n'
    main.write_text(text, encoding="utf-8")
    _open(client, main, text)
    found = client.request("textDocument/definition", {"textDocument": {"uri": _uri(main)},
                                                        "position": {"line": 3, "character": 13}})
    assert found[0]["uri"] == _uri(tmp_path / "part.arg")
    assert found[0]["range"]["start"] == {"line": 0, "character": 7}
    include = client.request("textDocument/definition", {"textDocument": {"uri": _uri(main)},
                                                          "position": {"line": 0, "character": 10}})
    assert include[0]["uri"] == _uri(tmp_path / "part.arg")


@pytest.mark.skipif(not ESSAY.exists(), reason="the essay map is not in this checkout")
def test_essay_map_definition_and_rename(client: LspClient) -> None:
    from argmap.api import load

    essay = load(ESSAY)
    relation = next(r for r in essay.relations if r.target and r.target_span.file)
    target = essay.node_by_id[relation.target]
    client.initialize()
    text = ESSAY.read_text(encoding="utf-8")
    _open(client, ESSAY, text)
    doc = {"uri": _uri(ESSAY)}
    position = {"line": relation.target_span.line - 1, "character": relation.target_span.column}
    found = client.request("textDocument/definition", {"textDocument": doc, "position": position})
    assert found[0]["range"]["start"] == {"line": target.id_span.line - 1, "character": target.id_span.column - 1}
    edit = client.request("textDocument/rename", {"textDocument": doc, "position": position, "newName": "renamed_node"})
    expected = 1 + sum(1 for r in essay.relations if r.target == target.id) + sum(
        (r.link.source == target.id) + (r.link.target == target.id) for r in essay.relations if r.link) + sum(
        1 for n in essay.nodes for rt in n.ratings if rt.hypothesis == target.id) + sum(
        1 for e in essay.expectations if e.node == target.id)
    assert len(edit["changes"][_uri(ESSAY)]) == expected


def test_slow_rules_follow_the_quick_diagnostics(client: LspClient, tmp_path: Path) -> None:
    """Expectations (a whole-map evaluation) arrive in a second publication."""
    client.initialize()
    path = tmp_path / "m.arg"
    text = ('thesis t "A thesis."\nclaim c "A claim."\n  supports t\ncounter k "An objection."\n  attacks t\n'
            "expect t accepted\n")
    first = _open(client, path, text)
    assert "E116" not in {d["code"] for d in first["diagnostics"]}
    second = client.wait_for("textDocument/publishDiagnostics",
                             lambda p: p["uri"] == _uri(path) and any(d["code"] == "E116" for d in p["diagnostics"]))
    e116 = next(d for d in second["diagnostics"] if d["code"] == "E116")
    assert e116["range"]["start"]["line"] == 5
    assert "expected 't' to be accepted" in e116["message"]
