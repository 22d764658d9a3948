"""Where documents are stored: ``STORAGES["documents"]`` (a private folder, or the S3 bucket).

The storage is looked up when used, not when the model is imported, so a change of settings (a test
pointing it at its S3 stand-in) reaches every document field at once."""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class _DocumentStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = storages["documents"]


document_storage = _DocumentStorage()


def get_document_storage():
    """The field's storage (a callable, so migrations name it rather than a configured backend)."""
    return document_storage


def is_remote() -> bool:
    """True when files are served by the storage (S3) through short-lived signed links."""
    return hasattr(document_storage, "bucket_name")


@receiver(setting_changed)
def _reset(setting: str, **kwargs) -> None:
    if setting == "STORAGES":
        document_storage._wrapped = empty
