from django.urls import path

from imports import views

app_name = "imports"

urlpatterns = [
    path("import/", views.StartView.as_view(), name="start"),
    path("vehicles/<int:vehicle_pk>/import/", views.StartView.as_view(), name="start-vehicle"),
    path("import/<int:pk>/", views.PreviewView.as_view(), name="preview"),
    path("import/<int:pk>/run/", views.RunView.as_view(), name="run"),
]
