from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("documents/", views.DocumentListView.as_view(), name="list"),
    path("documents/add/", views.UploadView.as_view(), name="add"),
    path("documents/<int:pk>/", views.DocumentDetailView.as_view(), name="detail"),
    path("documents/<int:pk>/edit/", views.DocumentEditView.as_view(), name="edit"),
    path("documents/<int:pk>/file/", views.StoredFileView.as_view(), name="file"),
    path("documents/<int:pk>/download/", views.StoredFileView.as_view(as_attachment=True), name="download"),
    path("documents/<int:pk>/thumbnail/", views.StoredFileView.as_view(field="thumbnail"), name="thumbnail"),
    path("documents/<int:pk>/delete/", views.DeleteView.as_view(), name="delete"),
    path("documents/<int:pk>/restore/", views.RestoreView.as_view(), name="restore"),
    path("documents/<int:pk>/purge/", views.PurgeView.as_view(), name="purge"),
    path("vehicles/<int:vehicle_pk>/documents/", views.VehicleDocumentsView.as_view(), name="vehicle"),
]
