from django.urls import path

from stations import views

app_name = "stations"

urlpatterns = [
    path("stations/", views.StationListView.as_view(), name="list"),
    path("stations/add/", views.StationCreateView.as_view(), name="add"),
    path("stations/find/", views.FindView.as_view(), name="find"),
    path("stations/cheapest/", views.CheapestView.as_view(), name="cheapest"),
    path("stations/<int:pk>/", views.StationDetailView.as_view(), name="detail"),
    path("stations/<int:pk>/edit/", views.StationUpdateView.as_view(), name="edit"),
    path("stations/<int:pk>/favourite/", views.StationFavouriteView.as_view(), name="favourite"),
    path("stations/<int:pk>/delete/", views.StationDeleteView.as_view(), name="delete"),
    path("stations/<int:pk>/restore/", views.StationRestoreView.as_view(), name="restore"),
    path("stations/<int:pk>/purge/", views.StationPurgeView.as_view(), name="purge"),
]
