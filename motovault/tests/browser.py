"""What the tests in a real browser share."""

from playwright.sync_api import Page, expect


def htmx_done(page: Page) -> None:
    """Wait until no HTMX request is in flight, swapping or settling. Content htmx swaps in answers
    events only once it has settled (its hx- attributes are wired then): a choice made in a picker
    swapped in a moment ago would otherwise be lost on a busy machine."""
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)
