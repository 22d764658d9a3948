"""The admin's users section: an administrator manages accounts (activate, deactivate, staff)
but does not browse anyone's data: no model of user data is registered here or anywhere."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from motovault.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = [
        "username",
        "email",
        "first_name",
        "last_name",
        "oidc_issuer",
        "is_active",
        "is_staff",
        "last_login",
    ]
    list_filter = ["is_active", "is_staff", "oidc_issuer"]
    search_fields = ["username", "email", "first_name", "last_name"]
    readonly_fields = ["oidc_issuer", "oidc_subject", "last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Profile", {"fields": ["first_name", "last_name", "email"]}),
        ("Sign-in", {"fields": ["oidc_issuer", "oidc_subject", "last_login", "date_joined"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    actions = ["activate", "deactivate", "make_staff", "remove_staff"]

    def _set(self, request: HttpRequest, queryset: QuerySet, **values) -> None:
        if request.user.pk in set(queryset.values_list("pk", flat=True)) and values in (
            {"is_active": False},
            {"is_staff": False},
        ):
            messages.error(request, "You cannot lock yourself out: ask another administrator.")
            return
        changed = queryset.update(**values)
        messages.success(request, f"{changed} account(s) updated.")

    @admin.action(description="Activate the selected accounts")
    def activate(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set(request, queryset, is_active=True)

    @admin.action(description="Deactivate the selected accounts (they can no longer sign in)")
    def deactivate(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set(request, queryset, is_active=False)

    @admin.action(description="Make the selected accounts staff (admin access)")
    def make_staff(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set(request, queryset, is_staff=True)

    @admin.action(description="Remove staff access from the selected accounts")
    def remove_staff(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set(request, queryset, is_staff=False)
