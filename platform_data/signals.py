"""Any saved or deleted catalog row retires the cached lookups (bulk writes bump it themselves)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from platform_data import lookups
from platform_data.models import Configuration, Make, VehicleModel


@receiver([post_save, post_delete], sender=Make)
@receiver([post_save, post_delete], sender=VehicleModel)
@receiver([post_save, post_delete], sender=Configuration)
def catalog_changed(**kwargs) -> None:
    transaction.on_commit(lookups.bump_version)
