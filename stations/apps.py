from django.apps import AppConfig


class StationsConfig(AppConfig):
    name = "stations"
    verbose_name = "Stations"

    def ready(self) -> None:
        from dashboard import cheapest
        from motovault.accountdata import RecordType, register
        from stations import account
        from stations.selectors import cheapest_prices, trashed_stations
        from vehicles import trash

        trash.register(trash.TrashSection("Stations", "stations/trash_section.html", trashed_stations))
        register(
            RecordType("stations", "stations.Station", account.station_files, letting_go=account.stations_letting_go)
        )
        cheapest.register(cheapest_prices)
