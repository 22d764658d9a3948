from django.urls import path

from fuel_logs import views

app_name = "fuel_logs"

urlpatterns = [
    path("vehicles/<int:vehicle_pk>/fuel/", views.FuelListView.as_view(), name="list"),
    path("vehicles/<int:vehicle_pk>/fuel/add/", views.FuelCreateView.as_view(), name="add"),
    path("vehicles/<int:vehicle_pk>/fuel/analytics/", views.VehicleAnalyticsView.as_view(), name="analytics"),
    path(
        "vehicles/<int:vehicle_pk>/fuel/analytics/charts.json",
        views.VehicleChartsView.as_view(),
        name="analytics-charts",
    ),
    path("vehicles/<int:vehicle_pk>/fuel/export.csv", views.ExportView.as_view(), name="export"),
    path("fuel/add/", views.QuickEntryView.as_view(), name="quick"),
    path("fuel/<int:pk>/edit/", views.FuelUpdateView.as_view(), name="edit"),
    path("fuel/<int:pk>/delete/", views.FuelDeleteView.as_view(), name="delete"),
    path("fuel/<int:pk>/restore/", views.FuelRestoreView.as_view(), name="restore"),
    path("fuel/analytics/", views.GarageAnalyticsView.as_view(), name="garage-analytics"),
    path("fuel/analytics/charts.json", views.GarageChartsView.as_view(), name="garage-analytics-charts"),
    path("fuel/export.csv", views.ExportView.as_view(), name="export-all"),
]
