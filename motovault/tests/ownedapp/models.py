from django.db import models

from motovault.models import OwnedModel


class Thing(OwnedModel):
    name = models.CharField(max_length=50)
