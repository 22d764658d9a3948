from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from mozilla_django_oidc.views import OIDCLogoutView

from motovault import views

# The admin signs in through our sign-in page (the provider's, or a password where allowed).
admin.site.login = login_not_required(RedirectView.as_view(pattern_name=settings.LOGIN_URL, query_string=True))

urlpatterns = [
    path("", views.home, name="home"),
    path("health", views.health, name="health"),
    path("api/health", views.health, name="api-health"),
    path("api/me", views.me, name="api-me"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", OIDCLogoutView.as_view(), name="logout"),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("admin/", admin.site.urls),
    path("", include("platform_data.urls")),
    path("", include("vehicles.urls")),
    path("", include("fuel_logs.urls")),
    path("", include("accounts.urls")),
]
