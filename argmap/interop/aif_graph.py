"""The AIF graph as import reads it (:class:`Graph`: the nodes by id, their
edges, the dialogue layer set aside) and its reading into statements,
argument blocks and relations (:class:`Reading`); argmap.interop.aif drives
them (the mapping is described there and in docs/interop.md)."""

from __future__ import annotations

import dataclasses
import re
from typing import Any, NamedTuple

from argmap.diagnostics import Diagnostic, Severity
from argmap.interop.aif_export import NODE_ID_NOTE, rephrase_note
from argmap.interop.json_ import diag, node_from_dict, relation_from_dict
from argmap.interop.scheme_names import imported, is_default
from argmap.interop.writer import IdMaker, is_valid_id, place_relations
from argmap.model import LinkRef, Node, NodeKind, Relation, RelationKind

__all__ = ["Graph", "Reading", "extension"]

_DIALOGUE = {"L": "locution", "TA": "transition", "YA": "illocution"}
_SPEAKER = re.compile(r"^\s*([^:]{1,40}?)\s*:\s")


def extension(node: Any) -> dict[str, Any]:
    meta = node.get("argmap") if isinstance(node, dict) else None
    return meta if isinstance(meta, dict) else {}


def _weight(meta: dict[str, Any]) -> float | None:
    value = meta.get("weight")
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


class Graph:
    """The AIF nodes argmap reads, by id, with their edges."""

    def __init__(self, data: dict[str, Any], root: str, path: str) -> None:
        self.root, self.path = root, path
        self.warnings: list[Diagnostic] = []
        self.by_id: dict[str, dict[str, Any]] = {}
        self.position: dict[str, int] = {}
        self.dialogue: dict[str, list[dict[str, Any]]] = {}
        for index, node in enumerate(data["nodes"]):
            where = f"{root}.nodes[{index}]"
            if not isinstance(node, dict) or "nodeID" not in node:
                self.warn(where, "a node without 'nodeID' is skipped")
                continue
            key = str(node["nodeID"])
            if key in self.by_id:
                self.warn(f"{where}.nodeID", f"duplicate node id {key!r}; the first one is kept")
                continue
            kind = str(node.get("type", ""))
            if kind in _DIALOGUE:
                self.dialogue.setdefault(kind, []).append(node)
                continue
            if kind not in ("I", "RA", "CA", "MA", "PA"):
                self.warn(f"{where}.type", f"unknown node type {kind!r}; node skipped")
                continue
            self.by_id[key] = node
            self.position[key] = index
        self.incoming: dict[str, list[str]] = {}
        self.outgoing: dict[str, list[str]] = {}
        for index, edge in enumerate(data.get("edges", [])):
            if not isinstance(edge, dict) or "fromID" not in edge or "toID" not in edge:
                self.warn(f"{root}.edges[{index}]", "an edge without fromID/toID is skipped")
                continue
            source, target = str(edge["fromID"]), str(edge["toID"])
            if source in self.by_id and target in self.by_id:  # else edges of dialogue or skipped nodes
                self.outgoing.setdefault(source, []).append(target)
                self.incoming.setdefault(target, []).append(source)

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(diag(self.path, where, message, severity=Severity.WARNING))

    def where(self, key: str) -> str:
        return f"{self.root}.nodes[{self.position[key]}]"

    def dialogue_summary(self) -> tuple[str, ...]:
        """Header comment lines for the dialogue layer, and one warning."""
        if not self.dialogue:
            return ()
        counts = ", ".join(f"{len(nodes)} {kind}" for kind, nodes in sorted(self.dialogue.items()))
        self.warn(f"{self.root}.nodes", f"dialogue nodes skipped ({counts}): argmap maps have no dialogue layer")
        named = ", ".join(f"{len(nodes)} {kind} ({_DIALOGUE[kind]}s)" for kind, nodes in sorted(self.dialogue.items()))
        lines = [f"AIF dialogue layer not imported (argmap maps have no dialogue): {named}."]
        speakers = sorted({m.group(1) for n in self.dialogue.get("L", [])
                           if (m := _SPEAKER.match(str(n.get("text") or "")))})
        if speakers:
            lines.append("Speakers: " + ", ".join(speakers) + ".")
        return tuple(lines)


class _SNode(NamedTuple):
    """A scheme node's ends: premises (I-nodes, in edge order), conclusions
    (I-nodes) and the scheme nodes it aims at; its scheme name, or ''."""

    kind: str
    premises: list[str]
    conclusions: list[str]
    aimed: list[str]
    name: str


class Reading:
    """One pass over the AIF graph: nodes (statements and argument blocks), then relations."""

    def __init__(self, graph: Graph, own: bool) -> None:
        self.graph, self.own = graph, own
        self.ids = IdMaker()
        self.node_id: dict[str, str] = {}  # I-node key -> argmap id
        self.argument_ids: dict[str, list[str]] = {}  # argument S-node key -> its argument blocks' ids
        self.notes: dict[str, list[str]] = {}
        self.relations: list[Relation] = []
        self.placed: list[tuple[int, Relation]] = []  # argmap's own export: (place in the block, relation)
        self.s_nodes: dict[str, _SNode] = {}
        self.written: set[tuple[RelationKind, str, str]] = set()  # (kind, source, target) of relations added
        for key, raw in graph.by_id.items():
            if raw.get("type") == "I":
                continue
            into = list(dict.fromkeys(graph.incoming.get(key, [])))
            out = list(dict.fromkeys(graph.outgoing.get(key, [])))
            name = " ".join(str(raw.get("scheme") or raw.get("text") or "").split())
            premises = [p for p in into if self._is_i(p)]
            conclusions = [c for c in out if self._is_i(c)]
            circular = [p for p in premises if p in conclusions]
            if circular:
                graph.warn(graph.where(key), f"{raw.get('type')} node {key!r} concludes its own premise "
                           f"{', '.join(map(repr, circular))}; that premise is left out")
                premises = [p for p in premises if p not in circular]
            self.s_nodes[key] = _SNode(str(raw.get("type")), premises, conclusions,
                                       [t for t in out if not self._is_i(t)], "" if is_default(name) else name)

    def _is_i(self, key: str) -> bool:
        return self.graph.by_id[key].get("type") == "I"

    def is_argument(self, key: str) -> bool:
        """An S-node read as an argument block: argmap's own, or a linked or named RA/CA."""
        s = self.s_nodes[key]
        if self.own:
            return isinstance(extension(self.graph.by_id[key]).get("argument"), dict)
        return s.kind in ("RA", "CA") and bool(s.premises) and (len(s.premises) > 1 or bool(s.name)) and bool(
            s.conclusions or s.aimed)

    def note(self, node: str, text: str) -> None:
        if not self.own and text not in self.notes[node]:
            self.notes[node].append(text)

    def add(self, rel: Relation, meta: dict[str, Any]) -> None:
        if rel.target is not None:
            self.written.add((rel.kind, rel.source, rel.target))
        at = meta.get("at")
        if self.own and isinstance(at, int) and not isinstance(at, bool):
            self.placed.append((at, rel))
        else:
            self.relations.append(rel)

    def claim_id(self, wanted: str, key: str, text: str, fallback: str) -> str:
        # an id the file gives is kept, even one that is also a keyword (the language allows it)
        wanted = wanted if is_valid_id(wanted) and wanted not in self.ids.used else ""
        if wanted:
            self.ids.used.add(wanted)
            return wanted
        return self.ids.make(text, fallback=fallback)

    def run(self) -> tuple[list[Node], list[Relation]]:
        built: dict[str, list[Node]] = {}  # statements first: arguments name them as premises
        for key, raw in self.graph.by_id.items():
            if raw.get("type") == "I":
                built[key] = [self.statement(key, raw)]
        for key, raw in self.graph.by_id.items():
            if raw.get("type") != "I" and self.is_argument(key):
                built[key] = self.arguments(key, raw)
        nodes = [node for key in self.graph.by_id if key in built for node in built[key]]
        for key in self.s_nodes:
            if self.is_argument(key):
                self.conclusions(key)
            else:
                self.plain(key)
        for key, s in self.s_nodes.items():  # one-premise CAs aimed at scheme nodes: undercuts
            if s.kind == "CA" and s.aimed and not self.is_argument(key):
                self.undercuts(key)
        if self.own:  # relations AIF has no node for, kept in the extension objects
            for key, raw in self.graph.by_id.items():
                extra = extension(raw).get("relations")
                source = self.node_id.get(key) or next(iter(self.argument_ids.get(key, [])), None)
                if source is not None and isinstance(extra, list):
                    try:
                        for item in extra:
                            self.add(relation_from_dict({**item, "source": source}), item)
                    except (KeyError, TypeError, ValueError, AttributeError) as exc:
                        self.graph.warn(f"{self.graph.where(key)}.argmap.relations",
                                        f"not read ({type(exc).__name__}: {exc})")
        nodes = [dataclasses.replace(n, notes=tuple(self.notes[n.id])) for n in nodes]
        return nodes, place_relations(self.relations, self.placed)

    # ------------------------------------------------------------ nodes

    def statement(self, key: str, raw: dict[str, Any]) -> Node:
        text = " ".join(str(raw.get("text") or "").split())
        if not text:
            self.graph.warn(f"{self.graph.where(key)}.text", f"I node {key!r} has no text")
        meta = extension(raw)
        node: Node | None = None
        if self.own and meta:
            try:
                node = node_from_dict({"text": text, "id": key, "kind": "claim", **meta})
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                self.graph.warn(f"{self.graph.where(key)}.argmap",
                                f"argmap extension not read ({type(exc).__name__}: {exc})")
        node_id = self.node_id[key] = self.claim_id(node.id if node is not None else key, key, text, "n")
        if node is None or node.kind is NodeKind.ARGUMENT:
            kind_name = meta.get("kind", "claim")
            known = isinstance(kind_name, str) and kind_name in NodeKind._value2member_map_ and kind_name != "argument"
            node = Node(node_id, NodeKind(kind_name) if known else NodeKind.CLAIM, text)
        self.notes[node_id] = list(node.notes)
        if node_id != key:
            self.note(node_id, f"{NODE_ID_NOTE}{key}")
        return dataclasses.replace(node, id=node_id, text=text, notes=())

    def arguments(self, key: str, raw: dict[str, Any]) -> list[Node]:
        """The argument block(s) of an S-node: one per conclusion (argmap's arguments have one)."""
        s = self.s_nodes[key]
        if self.own:
            try:
                data = dict(extension(raw)["argument"])
                node = node_from_dict({"text": "", "id": key, **data, "kind": "argument"})
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                self.graph.warn(f"{self.graph.where(key)}.argmap",
                                f"argmap extension not read ({type(exc).__name__}: {exc})")
                node = Node(key, NodeKind.ARGUMENT, "")
            node_id = self.claim_id(node.id, key, f"{s.kind} {key}", "arg")
            self.argument_ids[key] = [node_id]
            self.notes[node_id] = list(node.notes)
            return [dataclasses.replace(node, id=node_id, notes=())]
        scheme, name_note = imported(s.name) if s.name else (None, None)
        count = max(1, len(s.conclusions) + sum(len(self.targets_of(t)) for t in s.aimed))
        first = self.claim_id(key, key, f"{s.kind} {key}", "arg")
        made = [first] + [self.ids.make(f"{first} {n}", fallback="arg") for n in range(2, count + 1)]
        if count > 1:
            self.graph.warn(self.graph.where(key), f"{s.kind} node {key!r} has {count} conclusions: "
                            f"one argument block each ({', '.join(made)})")
        self.argument_ids[key] = made
        premises = tuple(self.node_id[p] for p in s.premises if p in self.node_id)
        out = []
        for node_id in made:
            self.notes[node_id] = []
            if node_id != key:
                self.note(node_id, f"{NODE_ID_NOTE}{key}")
            if name_note:
                self.note(node_id, name_note)
            out.append(Node(node_id, NodeKind.ARGUMENT, "", premises=premises, scheme=scheme))
        return out

    def targets_of(self, key: str) -> list[tuple[str | None, LinkRef | None]]:
        """What undercutting the S-node ``key`` undercuts: its argument blocks, or its links."""
        if key not in self.s_nodes:
            return []
        if self.is_argument(key):
            return [(a, None) for a in self.argument_ids.get(key, [])]
        s = self.s_nodes[key]
        if s.kind == "CA" and extension(self.graph.by_id[key]).get("kind") == RelationKind.CONTRADICTS.value:
            return []  # the one-way half of a contradiction: argmap undercuts the relation as written
        return [(None, LinkRef(self.node_id[p], self.node_id[c])) for c in s.conclusions for p in s.premises
                if p in self.node_id and c in self.node_id] if s.kind in ("RA", "CA", "MA") else []

    # ------------------------------------------------------------ relations

    def conclusions(self, key: str) -> None:
        """An argument block's conclusion: supports/attacks of its I-node, or undercuts of what it aims at."""
        s, raw = self.s_nodes[key], self.graph.by_id[key]
        meta = extension(raw)
        made = self.argument_ids.get(key, [])
        if self.own:
            if isinstance(meta.get("conclusion"), dict) and made:
                try:
                    self.add(relation_from_dict({**meta["conclusion"], "source": made[0]}), meta["conclusion"])
                except (KeyError, TypeError, ValueError, AttributeError) as exc:
                    self.graph.warn(f"{self.graph.where(key)}.argmap.conclusion",
                                    f"not read ({type(exc).__name__}: {exc})")
            return
        kind = RelationKind.SUPPORTS if s.kind == "RA" else RelationKind.ATTACKS
        ends: list[tuple[RelationKind, str | None, LinkRef | None]] = [(kind, self.node_id[c], None)
                                                                        for c in s.conclusions]
        for aimed in s.aimed:
            if s.kind != "CA":
                self.graph.warn(self.graph.where(key), f"{s.kind} node {key!r} aims at scheme node {aimed!r}: "
                                "argmap has no support of an inference; not translated")
                continue
            ends += [(RelationKind.UNDERCUTS, target, link) for target, link in self.targets_of(aimed)]
        for node_id, (rel_kind, target, link) in zip(made, ends):
            self.add(Relation(rel_kind, node_id, target, link, _weight(meta), meta.get("inferred") is True), meta)

    def plain(self, key: str) -> None:
        """A one-premise RA/CA (a relation per premise and conclusion), an MA, a PA."""
        s, raw = self.s_nodes[key], self.graph.by_id[key]
        meta = extension(raw)
        if s.kind == "PA":
            self.graph.warn(self.graph.where(key), "preference node (PA) not translated: argmap has no preferences")
            return
        if not s.premises or not (s.conclusions or (s.kind == "CA" and s.aimed)):
            self.graph.warn(self.graph.where(key), f"{s.kind} node {key!r} lacks a premise or a conclusion; skipped")
            return
        rel_kind = {"RA": RelationKind.SUPPORTS, "CA": RelationKind.ATTACKS, "MA": RelationKind.SUPPORTS}[s.kind]
        if meta.get("kind") == RelationKind.CONTRADICTS.value:
            rel_kind = RelationKind.CONTRADICTS
        for conclusion in s.conclusions:
            for premise in s.premises:
                source, target = self.node_id[premise], self.node_id[conclusion]
                if rel_kind is RelationKind.CONTRADICTS and self.seen(rel_kind, target, source):
                    continue  # the second CA of a contradiction
                if not self.seen(rel_kind, source, target):
                    self.add(Relation(rel_kind, source, target, None, _weight(meta), meta.get("inferred") is True),
                             meta)
                if s.kind == "MA":
                    self.note(source, rephrase_note(target, s.name or None))

    def seen(self, kind: RelationKind, source: str, target: str) -> bool:
        return (kind, source, target) in self.written

    def undercuts(self, key: str) -> None:
        s, meta = self.s_nodes[key], extension(self.graph.by_id[key])
        for aimed in s.aimed:
            targets = self.targets_of(aimed)
            if not targets:
                self.graph.warn(self.graph.where(key), f"CA node {key!r} attacks scheme node {aimed!r}, "
                                "which links no two claims; skipped")
                continue
            for premise in s.premises:
                for target, link in targets:
                    if target is not None and self.own and not meta.get("whole"):
                        link = self.own_link(aimed, target)
                        target = None if link is not None else target
                    self.add(Relation(RelationKind.UNDERCUTS, self.node_id[premise], target, link, _weight(meta),
                                      meta.get("inferred") is True), meta)

    def own_link(self, aimed: str, argument: str) -> LinkRef | None:
        """argmap's own ``undercuts ARG -> c``: the link to the argument's conclusion."""
        conclusion = extension(self.graph.by_id[aimed]).get("conclusion")
        target = conclusion.get("target") if isinstance(conclusion, dict) else None
        return LinkRef(argument, target) if isinstance(target, str) else None
