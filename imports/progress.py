"""How far a running import is, for its page's progress bar: in the cache, written by the worker
outside the import's transaction (which shows nothing until it commits). The cache may be emptied:
the page then shows the batch's status without a figure."""

from collections.abc import Callable

from django.core.cache import cache

from imports.models import ImportBatch


def _key(batch_id: int) -> str:
    return f"import-progress:{batch_id}"


def reporter(batch: ImportBatch) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        cache.set(_key(batch.pk), (done, total), timeout=3600)

    return report


def percent(batch: ImportBatch) -> int | None:
    found = cache.get(_key(batch.pk))
    if not found or not found[1]:
        return None
    done, total = found
    return min(100, done * 100 // total)
