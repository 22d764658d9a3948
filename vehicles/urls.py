from django.urls import path

from . import views

app_name = "vehicles"

urlpatterns = [
    path("vehicles/", views.GarageView.as_view(), name="garage"),
    path("vehicles/add/", views.VehicleCreateView.as_view(), name="add"),
    path("vehicles/picker/", views.PickerView.as_view(), name="picker"),
    path("vehicles/trash/", views.TrashView.as_view(), name="trash"),
    path("vehicles/<int:pk>/", views.VehicleDetailView.as_view(), name="detail"),
    path("vehicles/<int:pk>/overview/", views.OverviewSectionView.as_view(), name="overview"),
    path("vehicles/<int:pk>/edit/", views.VehicleUpdateView.as_view(), name="edit"),
    path("vehicles/<int:pk>/delete/", views.DeleteView.as_view(), name="delete"),
    path("vehicles/<int:pk>/restore/", views.RestoreView.as_view(), name="restore"),
    path("vehicles/<int:pk>/purge/", views.PurgeView.as_view(), name="purge"),
    path("vehicles/<int:pk>/photo/", views.PhotoView.as_view(), name="photo"),
    path(
        "vehicles/<int:pk>/photo/thumbnail/",
        views.PhotoView.as_view(field="photo_thumbnail"),
        name="photo-thumbnail",
    ),
    path("vehicles/<int:vehicle_pk>/odometer/", views.ReadingCreateView.as_view(), name="reading-add"),
    path("odometer/<int:pk>/delete/", views.ReadingDeleteView.as_view(), name="reading-delete"),
]
