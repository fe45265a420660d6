"""How much of a map is the analyst's own inference rather than the source's
claim (``inferred`` nodes and arguments, ``(inferred)`` relations): the share
``argmap check --statistics`` prints, and the reports show."""

from __future__ import annotations

from dataclasses import dataclass

from argmap.model import Map, NodeKind

__all__ = ["Provenance", "provenance"]


@dataclass(frozen=True)
class Provenance:
    """Counts of the map's statements and arguments (questions excluded) and of
    its relations, and how many of each are the analyst's inferences. A
    relation is the analyst's when it is marked ``(inferred)`` or written in
    the block of an inferred node or argument."""

    nodes: int
    inferred_nodes: int
    relations: int
    inferred_relations: int

    @property
    def share(self) -> float:
        """The analyst's share of nodes and relations together, 0 to 1."""
        total = self.nodes + self.relations
        return (self.inferred_nodes + self.inferred_relations) / total if total else 0.0

    def sentence(self) -> str:
        return (f"the analyst's inferences: {self.inferred_nodes} of {self.nodes} nodes and "
                f"{self.inferred_relations} of {self.relations} relations ({self.share:.0%})")


def provenance(argmap: Map) -> Provenance:
    nodes = [n for n in argmap.nodes if n.kind is not NodeKind.QUESTION]
    inferred = {n.id for n in nodes if n.inferred is not None}
    relations = argmap.relations
    return Provenance(len(nodes), len(inferred), len(relations),
                      sum(1 for r in relations if r.inferred or r.source in inferred))
