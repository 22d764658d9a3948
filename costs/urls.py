from django.urls import path

from costs import views

app_name = "costs"

urlpatterns = [
    path("vehicles/<int:vehicle_pk>/costs/", views.CostListView.as_view(), name="list"),
    path("vehicles/<int:vehicle_pk>/costs/add/", views.CostCreateView.as_view(), name="add"),
    path("costs/<int:pk>/edit/", views.CostUpdateView.as_view(), name="edit"),
    path("costs/<int:pk>/delete/", views.CostDeleteView.as_view(), name="delete"),
    path("costs/<int:pk>/restore/", views.CostRestoreView.as_view(), name="restore"),
]
