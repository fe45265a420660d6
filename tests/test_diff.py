"""argmap diff: semantic changes, renderers, exit codes, git external-diff mode."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.api import load
from argmap.cli import cli
from argmap.diff import diff_maps, render_json, render_markdown, render_text, word_diff
from argmap.interop.writer import write_map
from argmap.model import Node, NodeKind
from argmap.syntax import parse_text

ROOT = Path(__file__).parent.parent
ESSAY = ROOT / "maps" / "syria_iran_russia.arg"
RICH = Path(__file__).parent / "data" / "interop" / "rich.arg"


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args, standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    return result.return_value, result.output


def _map(text: str):
    result = parse_text(text)
    assert not result.diagnostics
    return result.map


BASE = """section one "One"
claim a "The sky is blue today."
  tags x
  cite src §1 "quote"
  supports b
claim b "B holds."
section two "Two"
claim c "C holds."
  attacks b
"""


def _kinds(old: str, new: str) -> list[str]:
    return [c.kind for c in diff_maps(_map(old), _map(new), evaluate=False).changes]


@pytest.mark.parametrize(
    "edit, expected",
    [
        (lambda t: t.replace("blue today", "grey today"), ["node-reworded"]),
        (lambda t: t.replace("claim b", "evidence b"), ["node-rekinded"]),
        (lambda t: t.replace("  tags x\n", "  tags x, y\n"), ["attribute-changed"]),
        (lambda t: t.replace('"quote"', '"other quote"'), ["citations-changed"]),
        (lambda t: t.replace("  supports b\n", ""), ["relation-removed"]),
        (lambda t: t.replace("  supports b\n", "  supports b weight 0.5\n"), ["relation-changed"]),
        (lambda t: t + 'claim d "D."\n  supports c\n', ["node-added"]),
        (lambda t: t.replace('section two "Two"\nclaim c', 'claim c').replace('claim b "B holds."\n', 'section two "Two"\nclaim b "B holds."\n'), ["node-moved"]),
        (lambda t: t + "expect a accepted\n", ["expectation-added"]),
        (lambda t: t.replace("The sky", "The  sky"), []),  # layout only
        (lambda t: t.replace('section two "Two"', 'section two "Second"'), ["section-changed"]),
        (lambda t: t + 'section three "Three"\n', ["section-added"]),
    ],
)
def test_each_kind_of_change(edit, expected: list[str]) -> None:
    assert _kinds(BASE, edit(BASE)) == expected


def test_removed_node_takes_its_relations_along() -> None:
    changes = diff_maps(_map(BASE), _map(BASE.replace('claim c "C holds."\n  attacks b\n', "")), evaluate=False).changes
    assert [c.kind for c in changes] == ["node-removed"]
    assert changes[0].related == ("c attacks b",)


def test_word_diff() -> None:
    assert word_diff("a b c d", "a x c d e") == [("=", "a"), ("-", "b"), ("+", "x"), ("=", "c d"), ("+", "e")]


def test_renderers() -> None:
    diff = diff_maps(_map(BASE), _map(BASE.replace("blue", "grey *x*")), "old.arg", "new.arg", evaluate=False)
    assert "The sky is [-blue-] {+grey *x*+} today." in render_text(diff)
    markdown = render_markdown(diff)
    assert "~~blue~~ **grey \\*x\\***" in markdown
    document = json.loads(render_json(diff))
    assert document["changes"][0]["kind"] == "node-reworded"
    assert {"op": "-", "text": "blue"} in document["changes"][0]["words"]
    assert "no semantic changes" in render_text(diff_maps(_map(BASE), _map(BASE)))


def test_status_changes_use_evaluation_when_present(monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.evaluate as evaluate

    def grounded_labels(m):  # a stand-in: a node is IN unless something attacks it
        attacked = {r.target for r in m.relations if r.kind.value == "attacks"}
        return {n.id: "UNDEC" if n.id in attacked else "IN" for n in m.nodes}

    monkeypatch.setattr(evaluate, "grounded_labels", grounded_labels, raising=False)
    changes = diff_maps(_map(BASE), _map(BASE.replace("  attacks b\n", ""))).changes
    status = [c for c in changes if c.kind == "status-changed"]
    assert [(c.subject, c.old, c.new) for c in status] == [("b", "UNDEC", "IN")]
    assert "b: UNDEC -> IN" in render_text(diff_maps(_map(BASE), _map(BASE.replace("  attacks b\n", ""))))


@pytest.mark.parametrize("path", [ESSAY, RICH], ids=lambda p: p.name)
def test_acceptance_three_changes(path: Path, tmp_path: Path) -> None:
    old = dataclasses.replace(load(path), includes=())
    assert parse_text(write_map(old)).map == old  # the writer reproduces a real map
    node = old.nodes[len(old.nodes) // 2]
    removed = old.relations[len(old.relations) // 2]
    new = dataclasses.replace(
        old,
        nodes=tuple(dataclasses.replace(n, text=n.text + " Reworded in review.") if n is node else n for n in old.nodes)
        + (Node("added_in_review", NodeKind.CLAIM, "A claim added in review.", section=old.nodes[-1].section),),
        relations=tuple(r for r in old.relations if r is not removed),
    )
    edited = tmp_path / "edited.arg"
    edited.write_text(write_map(new), encoding="utf-8")
    code, output = _run(["diff", "--no-eval", "--format", "json", str(path), str(edited)])
    assert code == 1
    changes = json.loads(output)["changes"]
    assert sorted((c["kind"], c["subject"]) for c in changes) == sorted(
        [("node-reworded", node.id), ("relation-removed", removed.key), ("node-added", "added_in_review")]
    )
    assert _run(["diff", str(path), str(path)])[0] == 0


def test_syntax_error_is_trouble_not_a_difference(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.arg", tmp_path / "bad.arg"
    good.write_text(BASE, encoding="utf-8")
    bad.write_text(BASE + "claim oops no quotes\n", encoding="utf-8")
    code, output = _run(["diff", str(good), str(bad)])
    assert code == 2 and "E001" in output


def test_git_external_diff_mode(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(BASE.replace("blue", "grey"), encoding="utf-8")
    code, output = _run(["diff", "maps/x.arg", str(old), "abc", "100644", str(new), "def", "100644"])
    assert code == 0  # git stops on a non-zero exit
    assert output.startswith("a/maps/x.arg -> b/maps/x.arg: 1 change")
    code, output = _run(["diff", "maps/x.arg", "/dev/null", ".", ".", str(new), "def", "100644"])
    assert code == 0 and output.count("claim added") == 3
