from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    """Sharing a vehicle with the people who drive it: members and their roles (the membership
    itself is ``vehicles.Membership``, which ``for_user`` reads), invitation links, transfers of
    ownership. It registers the vehicle page's Sharing section and its part of account data."""

    name = "households"
    verbose_name = "Households"

    def ready(self) -> None:
        from households import account
        from motovault.accountdata import RecordType, register
        from vehicles.sections import Section
        from vehicles.sections import register as register_section

        register_section(Section("sharing", "Sharing", "households:sharing"))
        register(RecordType("households", "vehicles.Membership", account.shared_files, rows=account.memberships))
        register(
            RecordType("share_invitations", "households.ShareInvitation", account.no_files, rows=account.invitations)
        )
        register(RecordType("transfers", "households.Transfer", account.no_files, rows=account.transfers))
