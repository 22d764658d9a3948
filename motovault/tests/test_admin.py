"""The admin's users section: accounts managed, nobody's data browsable."""

import pytest
from django.apps import apps
from django.contrib import admin

from motovault.models import OwnedModel, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.com", "root-password-1")
    client.force_login(root)
    client.root = root
    return client


def test_no_model_of_user_data_is_registered_in_the_admin():
    owned = {m for m in apps.get_models() if issubclass(m, OwnedModel)}
    assert owned and not owned & set(admin.site._registry)
    assert User in admin.site._registry


def test_the_users_section_lists_accounts(admin_client, owner):
    page = admin_client.get("/admin/motovault/user/").content.decode()
    assert "alice" in page and "root" in page


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [("deactivate", "is_active", False), ("make_staff", "is_staff", True)],
)
def test_an_administrator_changes_accounts_with_the_actions(admin_client, owner, action, field, value):
    admin_client.post("/admin/motovault/user/", {"action": action, "_selected_action": [owner.pk]})
    owner.refresh_from_db()
    assert getattr(owner, field) is value


def test_an_administrator_cannot_deactivate_themselves(admin_client):
    admin_client.post("/admin/motovault/user/", {"action": "deactivate", "_selected_action": [admin_client.root.pk]})
    admin_client.root.refresh_from_db()
    assert admin_client.root.is_active


def test_a_staff_member_without_permissions_sees_no_users(client, django_user_model, owner):
    staff = django_user_model.objects.create_user("staff", "s@example.com", "staff-password-1", is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/motovault/user/").status_code == 403
