from django.urls import path

from households import views

app_name = "households"

urlpatterns = [
    path("households/", views.HouseholdsView.as_view(), name="index"),
    path("vehicles/<int:vehicle_pk>/sharing/", views.SharingView.as_view(), name="sharing"),
    path("vehicles/<int:vehicle_pk>/sharing/add/", views.ShareView.as_view(), name="share"),
    path("vehicles/<int:vehicle_pk>/sharing/invite/", views.InviteView.as_view(), name="invite"),
    path("vehicles/<int:vehicle_pk>/sharing/leave/", views.LeaveView.as_view(), name="leave"),
    path("vehicles/<int:vehicle_pk>/sharing/transfer/", views.TransferOfferView.as_view(), name="transfer"),
    path("memberships/<int:pk>/role/", views.MembershipRoleView.as_view(), name="role"),
    path("memberships/<int:pk>/revoke/", views.MembershipRevokeView.as_view(), name="revoke"),
    path("share-invitations/<int:pk>/cancel/", views.InvitationCancelView.as_view(), name="invitation-cancel"),
    path("join/<str:token>/", views.JoinView.as_view(), name="join"),
    path("transfers/<int:pk>/accept/", views.TransferAcceptView.as_view(), name="transfer-accept"),
    path("transfers/<int:pk>/decline/", views.TransferDeclineView.as_view(), name="transfer-decline"),
]
