"""Writes that span the catalog: the import of the EPA and vPIC files, and merging makes."""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from tqdm import tqdm

from platform_data import lookups, vpic
from platform_data.epa import SHIPPED_FILE, EpaRow, count_rows, read_epa_file
from platform_data.models import Configuration, Fuel, Make, Source, VehicleModel
from platform_data.vpic import VpicRow

# The configuration fields a row of each source sets (besides its model, its key and its source).
EPA_FIELDS = (
    "year",
    "cylinders",
    "displacement",
    "fuel",
    "fuel_raw",
    "transmission",
    "drive",
    "epa_class",
    "city_mpg",
    "highway_mpg",
)
VPIC_FIELDS = (
    "year",
    "trim",
    "cylinders",
    "displacement",
    "fuel",
    "fuel_raw",
    "electrification",
    "drive",
    "transmission",
    "body_class",
)

# Every column an import writes, whatever the source, and what stands where a source has no value.
WRITE_FIELDS = tuple(dict.fromkeys((*EPA_FIELDS, *VPIC_FIELDS)))
EMPTY = {name: None if Configuration._meta.get_field(name).null else "" for name in WRITE_FIELDS}
WRITE_COLUMNS = ("id", "source", "vehicle_model", "curated", "epa_id", "vpic_key", *WRITE_FIELDS)


@dataclass(frozen=True)
class CatalogSource:
    """How the rows of one source land in the catalog: matched by ``key``, writing ``fields``."""

    name: str
    key: str
    fields: tuple[str, ...]

    def row_key(self, row: EpaRow | VpicRow) -> int | str:
        return row.epa_id if self.key == "epa_id" else row.key

    def write_values(self, row: EpaRow | VpicRow) -> tuple:
        """A value for every column of ``WRITE_FIELDS``: the row's, or empty where the source has none."""
        keys = (self.row_key(row), None) if self.key == "epa_id" else (None, self.row_key(row))
        return (*keys, *(getattr(row, name) if name in self.fields else EMPTY[name] for name in WRITE_FIELDS))


EPA = CatalogSource(Source.EPA, "epa_id", EPA_FIELDS)
VPIC = CatalogSource(Source.VPIC, "vpic_key", VPIC_FIELDS)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_curated: int = 0  # curated rows that differ from the file, left as the admin set them
    makes_created: int = 0
    models_created: int = 0
    other_fuels: Counter = field(default_factory=Counter)  # fuel spellings with no mapping
    rows: Counter = field(default_factory=Counter)  # rows read, by source
    years: dict = field(default_factory=dict)  # (first, last) model year, by source

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.makes_created or self.models_created)


@transaction.atomic
def catalog_import(
    *,
    path: Path = SHIPPED_FILE,
    vpic_path: Path | None = None,
    overwrite_curated: bool = False,
    progress: tqdm | None = None,
) -> ImportResult:
    """Load an EPA file, and a vPIC catalog file if given, matching rows by EPA id or vPIC key and
    writing only what changed.

    All or nothing: both files are checked before the first write (``EpaFileError``), and the
    writes share one transaction. A configuration an admin curated keeps its values unless
    ``overwrite_curated``; one whose make or model an admin renamed or merged keeps that link."""
    progress = tqdm(disable=True) if progress is None else progress
    progress.reset(total=None if progress.disable else _count_rows(path, vpic_path))
    epa_rows = []
    for row in read_epa_file(path):  # the row-by-row work: the rest is a few set-based queries
        epa_rows.append(row)
        progress.update()
    vpic_rows = []
    for row in vpic.read_file(vpic_path) if vpic_path else ():
        vpic_rows.append(row)
        progress.update()
    result = ImportResult(other_fuels=Counter(row.fuel_raw for row in epa_rows if row.fuel == Fuel.OTHER))

    _lock_configurations()
    _import_rows(EPA, epa_rows, {}, overwrite_curated=overwrite_curated, result=result)
    # After the EPA's makes are in: vPIC's "MINI" is the EPA's "MINI", its "HONDA" the EPA's "Honda".
    make_names = vpic.make_names({row.make for row in vpic_rows})
    _import_rows(VPIC, vpic_rows, make_names, overwrite_curated=overwrite_curated, result=result)
    if result.changed:
        transaction.on_commit(lookups.bump_version)
    return result


def _import_rows(
    source: CatalogSource, rows: list, make_names: dict[str, str], *, overwrite_curated: bool, result: ImportResult
) -> None:
    """Create and update one source's configurations; ``make_names`` respells a row's make."""
    if not rows:
        return
    result.rows[source.name] = len(rows)
    result.years[source.name] = (min(row.year for row in rows), max(row.year for row in rows))
    current = {getattr(config, source.key): config for config in _current_configurations(source)}
    to_write: list[tuple[EpaRow | VpicRow, Configuration | None]] = []
    for row in rows:
        config = current.get(source.row_key(row))
        if config is not None and config.curated and not overwrite_curated:
            if _values(source, config) == _values(source, row):
                result.unchanged += 1
            else:
                result.kept_curated += 1
        else:
            to_write.append((row, config))

    def name(row) -> tuple[str, str]:
        return make_names.get(row.make, row.make), row.model

    model_ids = _models_by_name(
        {name(row) for row, config in to_write if config is None or not config.link_locked}, result
    )
    writes = []  # column values (WRITE_COLUMNS) of the configurations to create (no id) or update
    for row, config in to_write:
        if config is None:
            writes.append((None, source.name, model_ids[name(row)], False, *source.write_values(row)))
            result.created += 1
            continue
        model_id = config.vehicle_model_id if config.link_locked else model_ids[name(row)]
        if config.vehicle_model_id == model_id and _values(source, config) == _values(source, row):
            result.unchanged += 1
            continue
        writes.append((config.pk, source.name, model_id, False, *source.write_values(row)))
        result.updated += 1
    if writes:
        _write_configurations(writes)


def _count_rows(path: Path, vpic_path: Path | None) -> int | None:
    """For the progress bar: about how many rows the files have."""
    counts = [count_rows(path), *([count_rows(vpic_path)] if vpic_path else [])]
    return None if None in counts else sum(counts)


def _lock_configurations() -> None:
    """Until the import commits, other writers (a second import, an admin's save) wait, so that
    none of their changes is lost between our read and our write; readers carry on."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"LOCK TABLE {connection.ops.quote_name(Configuration._meta.db_table)} IN SHARE ROW EXCLUSIVE MODE"
        )


def _current_configurations(source: CatalogSource):
    """Every configuration of the source, with whether an admin's rename or merge fixed its link to a model."""
    link_locked = Q(vehicle_model__curated=True) | Q(vehicle_model__make__curated=True)
    return (
        Configuration.objects.filter(source=source.name)
        .only(source.key, "vehicle_model_id", "curated", *source.fields)
        .annotate(link_locked=ExpressionWrapper(link_locked, output_field=BooleanField()))
    )


def _values(source: CatalogSource, row: EpaRow | VpicRow | Configuration) -> tuple:
    return tuple(getattr(row, name) for name in source.fields)


def _models_by_name(names: set[tuple[str, str]], result: ImportResult) -> dict[tuple[str, str], int]:
    """Model ids by (make, model) name, creating the makes and models that do not exist yet."""
    make_names = {make for make, _ in names}
    make_ids = dict(Make.objects.filter(name__in=make_names).values_list("name", "id"))
    missing_makes = sorted(make_names - make_ids.keys())
    make_ids |= {make.name: make.pk for make in Make.objects.bulk_create([Make(name=name) for name in missing_makes])}

    model_ids = {
        (make, name): pk
        for make, name, pk in VehicleModel.objects.filter(make_id__in=make_ids.values()).values_list(
            "make__name", "name", "id"
        )
    }
    missing_models = sorted(names - model_ids.keys())
    created = VehicleModel.objects.bulk_create(
        [VehicleModel(make_id=make_ids[make], name=name) for make, name in missing_models]
    )
    model_ids |= {key: model.pk for key, model in zip(missing_models, created, strict=True)}
    result.makes_created += len(missing_makes)
    result.models_created += len(missing_models)
    return model_ids


def _write_configurations(writes: list[tuple]) -> None:
    """COPY the rows into a temporary table, then one INSERT and one UPDATE from it. (``bulk_update``
    writes a CASE per field and row: two and a half minutes for the whole file, against seconds.)"""
    quote = connection.ops.quote_name
    table = quote(Configuration._meta.db_table)
    columns = [quote(Configuration._meta.get_field(name).column) for name in WRITE_COLUMNS]
    all_columns, data_columns = ", ".join(columns), ", ".join(columns[1:])
    assignments = ", ".join(f"{column} = changes.{column}" for column in columns[1:])
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE catalog_changes ON COMMIT DROP AS SELECT {all_columns} FROM {table} WITH NO DATA"
        )
        with cursor.copy(f"COPY catalog_changes ({all_columns}) FROM STDIN") as copy:
            for values in writes:
                copy.write_row(values)
        cursor.execute(
            f"INSERT INTO {table} ({data_columns}) SELECT {data_columns} FROM catalog_changes WHERE id IS NULL"
        )
        cursor.execute(
            f"UPDATE {table} SET {assignments} FROM catalog_changes AS changes WHERE {table}.id = changes.id"
        )
        cursor.execute("DROP TABLE catalog_changes")


@dataclass
class MergeResult:
    models_moved: int = 0  # models the target make did not have: moved as they are
    models_combined: int = 0  # models it had by the same name: their configurations moved over


@transaction.atomic
def make_merge(*, sources: list[Make], target: Make) -> MergeResult:
    """Fold misspelled or duplicate makes into ``target`` and delete them. Configurations are only
    re-pointed, never deleted, so a user's vehicle that refers to one keeps it. Everything touched
    is marked curated, so the next import keeps the merge."""
    if any(source.pk == target.pk for source in sources):
        raise ValueError("A make cannot be merged into itself.")
    result = MergeResult()
    for source in sources:
        target_models = dict(target.models.values_list("name", "id"))
        for model in source.models.filter(name__in=target_models):
            twin_id = target_models[model.name]
            model.configurations.update(vehicle_model_id=twin_id)
            model.delete()
            VehicleModel.objects.filter(pk=twin_id).update(curated=True)
            result.models_combined += 1
        result.models_moved += source.models.update(make=target, curated=True)
        source.delete()
    target.curated = True
    target.save(update_fields=["curated"])
    transaction.on_commit(lookups.bump_version)
    return result
