from django.urls import path

from dashboard import views

urlpatterns = [
    path("", views.home, name="home"),
    path("costs/charts.json", views.HomeChartsView.as_view(), name="costs-charts"),
    path("vehicles/<int:pk>/ownership/", views.VehicleCostsView.as_view(), name="vehicle-costs"),
    path("vehicles/<int:pk>/ownership/charts.json", views.VehicleChartsView.as_view(), name="vehicle-costs-charts"),
    path("vehicles/<int:pk>/report/<int:year>/", views.YearReportView.as_view(), name="year-report"),
    path("vehicles/<int:pk>/report/<int:year>.csv", views.YearReportView.as_view(format="csv"), name="year-report-csv"),
    path("vehicles/<int:pk>/report/<int:year>.pdf", views.YearReportView.as_view(format="pdf"), name="year-report-pdf"),
]
