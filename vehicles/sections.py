"""The tabs of a vehicle's page. Each feature registers the URL of its section; the page loads
the active one into ``#vehicle-section`` with HTMX (and links to it as a full page without JS)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    url_name: str  # takes the vehicle's pk as its only argument


SECTIONS: list[Section] = [Section("overview", "Overview", "vehicles:overview")]


def register(section: Section) -> None:
    if section not in SECTIONS:
        SECTIONS.append(section)
