"""manage.py import_catalog: all of the real file, idempotent, all or nothing, curation kept."""

import datetime
import gzip
import io
import re
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from platform_data import services, vpic
from platform_data.models import Configuration, Fuel, Make, Source, VehicleModel
from platform_data.services import catalog_import, make_merge
from platform_data.tests.conftest import SAMPLE


def run_command(*args, with_vpic: bool = False) -> str:
    """The command's summary; the small sample files come without the vPIC file unless asked."""
    out = io.StringIO()
    call_command("import_catalog", *map(str, args), *([] if with_vpic else ["--no-vpic"]), stdout=out)
    return out.getvalue()


def snapshot() -> tuple:
    """Every catalog row, every column."""
    return tuple(list(model.objects.order_by("pk").values_list()) for model in (Make, VehicleModel, Configuration))


def table_checksum() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT md5(string_agg(c::text, ',' ORDER BY c.id)) FROM platform_data_configuration c")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_the_shipped_files_import_whole_in_seconds_and_a_second_run_changes_nothing(
    django_capture_on_commit_callbacks,
):
    """Both sources: the EPA's to 2015, vPIC's from 2016 to next year (the aim: under 20 s)."""
    started = time.perf_counter()
    first = run_command(with_vpic=True)
    seconds = time.perf_counter() - started

    vpic_rows = sum(1 for _ in vpic.read_file(vpic.shipped_file()))
    assert f"{33442 + vpic_rows:,} created, 0 updated, 0 unchanged" in first
    assert "EPA fuel-economy records: 33,442 rows, model years 1984-2015." in first
    assert f"NHTSA vPIC data: {vpic_rows:,} rows, model years 2016-{datetime.date.today().year + 1}." in first
    assert seconds < 20
    assert Configuration.objects.filter(source=Source.EPA).count() == 33442
    assert Configuration.objects.filter(source=Source.VPIC).count() == vpic_rows > 30000
    assert Configuration.objects.filter(source=Source.VPIC, year=2022).values("vehicle_model").distinct().count() >= 900
    before = table_checksum()

    with django_capture_on_commit_callbacks() as callbacks:
        second = run_command(with_vpic=True)

    assert f"nothing changed; all {33442 + vpic_rows:,} configurations are up to date" in second
    assert table_checksum() == before
    assert callbacks == [], "an import that changes nothing keeps the cached lookups"


@pytest.mark.django_db
def test_the_shipped_epa_file_imports_whole():
    first = run_command()
    assert "33,442 created, 0 updated, 0 unchanged (128 new makes, 3,264 new models)" in first
    assert (Make.objects.count(), VehicleModel.objects.count(), Configuration.objects.count()) == (128, 3264, 33442)
    assert Configuration.objects.filter(transmission="").count() == 8
    assert Configuration.objects.filter(cylinders=None).count() == 58
    assert Configuration.objects.filter(displacement=None).count() == 57
    assert Configuration.objects.filter(fuel=Fuel.ELECTRICITY, cylinders=None, displacement=None).count() == 55
    assert Configuration.objects.values("fuel_raw").distinct().count() == 13
    assert dict(Configuration.objects.values_list("fuel").annotate(Count("id"))) == {
        Fuel.GASOLINE: 22622,
        Fuel.PREMIUM: 8617,
        Fuel.FLEX: 1043 + 88,
        Fuel.DIESEL: 874,
        Fuel.CNG: 58 + 18,
        Fuel.ELECTRICITY: 55,
        Fuel.MIDGRADE: 43,
        Fuel.PLUG_IN_HYBRID: 8 + 7 + 1,
        Fuel.PROPANE: 8,
    }


def test_a_gzip_file_imports_like_the_shipped_one(db, tmp_path, epa_file):
    packed = tmp_path / "epa.csv.gz"
    packed.write_bytes(gzip.compress(epa_file().read_bytes()))
    assert "8 created" in run_command(packed)


def test_a_changed_row_is_updated_by_its_epa_id(catalog, epa_file):
    civic = Configuration.objects.get(epa_id=31001)
    rows = [SAMPLE[0].replace(",39,28", ",40,29"), *SAMPLE[1:]]

    result = catalog_import(path=epa_file(rows))

    assert (result.created, result.updated, result.unchanged) == (0, 1, 7)
    changed = Configuration.objects.get(epa_id=31001)
    assert (changed.pk, changed.city_mpg, changed.highway_mpg) == (civic.pk, 29, 40)


def test_a_row_the_epa_moves_to_another_model_follows_it(catalog, epa_file):
    rows = [SAMPLE[0].replace("Civic", "Civic Hybrid"), *SAMPLE[1:]]
    result = catalog_import(path=epa_file(rows))
    assert (result.models_created, result.updated) == (1, 1)
    assert Configuration.objects.get(epa_id=31001).vehicle_model.name == "Civic Hybrid"


def test_a_new_row_is_created_beside_the_others(catalog, epa_file):
    new = "31100,Honda,Fit,2012,Small Station Wagons,Manual 5-spd,Front-Wheel Drive,4,1.5,Regular,33,27"
    result = catalog_import(path=epa_file([*SAMPLE, new]))
    assert (result.created, result.unchanged, result.makes_created, result.models_created) == (1, 8, 0, 1)


CHANGED_AND_NEW = [
    SAMPLE[0].replace(",39,28", ",40,29"),
    "31100,Honda,Fit,2012,Small Station Wagons,Manual 5-spd,Front-Wheel Drive,4,1.5,Regular,33,27",
]


def test_a_malformed_file_stops_at_its_line_and_changes_nothing(catalog, epa_file):
    before = snapshot()
    bad = epa_file([*CHANGED_AND_NEW, SAMPLE[2].replace(",2012,", ",twenty12,"), *SAMPLE[3:]])

    with pytest.raises(CommandError) as caught:
        run_command(bad)

    assert str(caught.value) == (
        f"{bad}, line 4: year should be a whole number, not 'twenty12'. Nothing was imported: the catalog is as it was."
    )
    assert snapshot() == before


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda text: text.replace(",cty\n", "\n", 1), "line 1: missing column(s) cty"),
        (lambda text: text[:-12], "line 10: only 10 of 12 fields (is the file cut short?)"),
        (lambda text: text.replace("Civic", '"Civic', 1), "line 2: not valid CSV (unexpected end of data)"),
    ],
    ids=["missing-column", "truncated", "unclosed-quote"],
)
def test_a_damaged_file_changes_nothing(catalog, epa_file, damage, message):
    before = snapshot()
    path = epa_file([*CHANGED_AND_NEW, *SAMPLE[1:]])
    path.write_text(damage(path.read_text()))
    with pytest.raises(CommandError, match=re.escape(message)):
        run_command(path)
    assert snapshot() == before


def test_a_truncated_gzip_file_changes_nothing(catalog, epa_file, tmp_path):
    before = snapshot()
    packed = gzip.compress(epa_file([*CHANGED_AND_NEW, *SAMPLE[1:]]).read_bytes())
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(packed[:-30])
    with pytest.raises(CommandError, match="the compressed file is cut short or damaged"):
        run_command(cut)
    assert snapshot() == before


def test_a_failure_while_writing_rolls_back_what_was_written(catalog, epa_file, monkeypatch):
    """The makes and models come first; a later failure must take them back too."""
    before = snapshot()

    def fail(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_write_configurations", fail)
    new = "31100,Fiat,500,2012,Minicompact Cars,Manual 5-spd,Front-Wheel Drive,4,1.4,Premium,38,30"
    with pytest.raises(RuntimeError):
        catalog_import(path=epa_file([*SAMPLE, new]))
    assert snapshot() == before


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run_command(tmp_path / "nope.csv")


def test_a_curated_row_keeps_the_admins_values_unless_asked(catalog, epa_file):
    Configuration.objects.filter(epa_id=31001).update(city_mpg=27, curated=True)

    kept = catalog_import(path=epa_file())
    assert (kept.kept_curated, kept.updated, kept.unchanged) == (1, 0, 7)
    assert Configuration.objects.get(epa_id=31001).city_mpg == 27
    assert "1 curated configurations differ from the file and were kept" in run_command(epa_file())

    assert "0 created, 1 updated, 7 unchanged" in run_command(epa_file(), "--overwrite-curated")
    civic = Configuration.objects.get(epa_id=31001)
    assert (civic.city_mpg, civic.curated) == (28, False)


def test_a_curated_row_that_matches_the_file_counts_as_unchanged(catalog, epa_file):
    Configuration.objects.filter(epa_id=31001).update(curated=True)
    result = catalog_import(path=epa_file())
    assert (result.kept_curated, result.unchanged) == (0, 8)


def test_a_make_renamed_by_an_admin_keeps_its_configurations_on_the_next_import(catalog, epa_file):
    Make.objects.filter(name="Honda").update(name="Honda Motor Co.", curated=True)
    result = catalog_import(path=epa_file())
    assert not result.changed
    assert not Make.objects.filter(name="Honda").exists()
    assert Configuration.objects.get(epa_id=31001).vehicle_model.make.name == "Honda Motor Co."


def test_a_merged_make_stays_merged_on_the_next_import(db, epa_file):
    misspelled = SAMPLE[3].replace("Honda,", "Hondaa,")  # the EPA's typo: an Accord under "Hondaa"
    rows = [*SAMPLE[:3], misspelled, *SAMPLE[4:]]
    catalog_import(path=epa_file(rows))
    make_merge(sources=[Make.objects.get(name="Hondaa")], target=Make.objects.get(name="Honda"))

    result = catalog_import(path=epa_file(rows))

    assert not result.changed
    assert not Make.objects.filter(name="Hondaa").exists()
    assert Configuration.objects.get(epa_id=31004).vehicle_model.make.name == "Honda"


def test_an_unmapped_fuel_is_stored_as_other_and_reported(db, epa_file):
    out = run_command(epa_file([SAMPLE[0].replace("Regular", "Hydrogen")]))
    assert "Fuel types with no mapping, stored as 'other': 'Hydrogen' (1)." in out
    assert Configuration.objects.get().fuel == Fuel.OTHER


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("stdout", "shows_bar"), [(io.StringIO, False), (Terminal, True)])
def test_the_progress_bar_shows_only_on_a_terminal(db, epa_file, capsys, stdout, shows_bar):
    out = stdout()
    call_command("import_catalog", str(epa_file()), "--no-vpic", stdout=out)
    assert ("Importing" in capsys.readouterr().err) is shows_bar
    assert out.getvalue().startswith("Catalog import: 8 created")
