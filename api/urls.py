from django.urls import path

from api import views
from api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("account/api/", views.settings_page, name="api-settings"),
    path("account/api/tokens/", views.token_create, name="api-token-create"),
    path("account/api/tokens/<int:pk>/revoke/", views.token_revoke, name="api-token-revoke"),
    path("account/api/webhooks/", views.webhook_create, name="api-webhook-create"),
    path("account/api/webhooks/<int:pk>/remove/", views.webhook_remove, name="api-webhook-remove"),
    path("account/api/webhooks/<int:pk>/send-test/", views.webhook_test, name="api-webhook-test"),
]
