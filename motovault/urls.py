from django.contrib import admin
from django.urls import include, path
from mozilla_django_oidc.views import OIDCLogoutView

from motovault import metrics, views

admin.site.login = views.admin_sign_in

urlpatterns = [
    path("", include("dashboard.urls")),
    path("health", views.health, name="health"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("api/health", views.health, name="api-health"),
    path("api/me", views.me, name="api-me"),
    path("metrics", metrics.export, name="metrics"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", OIDCLogoutView.as_view(), name="logout"),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("admin/", admin.site.urls),
    path("", include("platform_data.urls")),
    path("", include("vehicles.urls")),
    path("", include("fuel_logs.urls")),
    path("", include("costs.urls")),
    path("", include("stations.urls")),
    path("", include("documents.urls")),
    path("", include("imports.urls")),
    path("", include("accounts.urls")),
    path("", include("api.urls")),
    path("", include("maintenance.urls")),
    path("", include("households.urls")),
]
