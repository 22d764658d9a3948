from django.urls import path

from maintenance import views

app_name = "maintenance"

urlpatterns = [
    path("services/", views.ServiceListView.as_view(), name="list"),
    path("due/", views.DueListView.as_view(), name="due"),
    path("vehicles/<int:vehicle_pk>/services/", views.ServiceListView.as_view(), name="vehicle-list"),
    path("vehicles/<int:vehicle_pk>/services/add/", views.ServiceFormView.as_view(), name="add"),
    path("services/<int:pk>/edit/", views.ServiceFormView.as_view(), name="edit"),
    path("services/<int:pk>/delete/", views.ServiceDeleteView.as_view(), name="delete"),
    path("services/<int:pk>/restore/", views.ServiceRestoreView.as_view(), name="restore"),
    path("vehicles/<int:vehicle_pk>/reminders/add/", views.ReminderFormView.as_view(), name="reminder-add"),
    path("reminders/<int:pk>/edit/", views.ReminderFormView.as_view(), name="reminder-edit"),
    path("reminders/<int:pk>/done/", views.ReminderDoneView.as_view(), name="reminder-done"),
    path("reminders/<int:pk>/snooze/", views.ReminderSnoozeView.as_view(), name="reminder-snooze"),
    path("reminders/<int:pk>/delete/", views.ReminderDeleteView.as_view(), name="reminder-delete"),
    path("reminders/<int:pk>/restore/", views.ReminderRestoreView.as_view(), name="reminder-restore"),
    path("settings/notifications/", views.NotificationSettingsView.as_view(), name="notifications"),
    path("settings/notifications/channels/<int:pk>/", views.ChannelView.as_view(), name="channel"),
    path("calendar/<str:token>.ics", views.calendar, name="calendar"),
]
