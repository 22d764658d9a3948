from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("settings/", views.preferences, name="preferences"),
    path("account/", views.account_settings, name="settings"),
    path("account/export/", views.export, name="export"),
    path("account/exports/<str:name>", views.download, name="download"),
    path("account/delete/", views.delete_account, name="delete"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
]
