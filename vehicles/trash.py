"""What each feature shows in the trash besides vehicles: its trashed records of live vehicles,
each with a way back. A feature registers a section in its AppConfig.ready; ``items(user)`` must
answer with a constant number of queries."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TrashSection:
    title: str
    template: str  # renders ``items``
    items: Callable


SECTIONS: list[TrashSection] = []


def register(section: TrashSection) -> None:
    if section not in SECTIONS:
        SECTIONS.append(section)
