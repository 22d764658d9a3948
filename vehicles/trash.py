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


# Run inside ``vehicle_purge`` before a vehicle's records are deleted with it: a feature whose rows
# reach beyond one vehicle (a document covering several) decides what goes and what stays.
PURGE_HOOKS: list[Callable] = []


def on_purge(hook: Callable) -> None:
    if hook not in PURGE_HOOKS:
        PURGE_HOOKS.append(hook)
