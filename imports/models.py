"""An import waiting for its preview to be confirmed, or being checked or run as a background job.

The uploaded file is kept as it came (the plan is built from it again at each look and at the
confirmation, so what is stored follows the data as it then is); the person's choices beside it.
Kept a week for looking into, then removed (see ``tasks.remove_old_imports``).
"""

from django.db import models

from motovault.models import OwnedModel


class ImportBatch(OwnedModel):
    class Status(models.TextChoices):
        CHECKING = "checking", "Checking the file"
        PREVIEW = "preview", "Waiting for confirmation"
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"

    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    choices = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEW)
    # A big file's preview, checked by the worker (``plan.preview``); a small file's is built at each look.
    preview = models.JSONField(default=dict)
    # Done: {"stored": n, "vehicles": [...]}; a run that stored nothing: {"error": "why"}.
    result = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name
