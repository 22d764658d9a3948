"""The upload, and the questions a preview asks (date order, decimal mark, which vehicle, and the
columns of a file we do not know)."""

from django import forms

from imports import formats, reading
from imports.plan import NEW, Choices

AUTO, MAPPED = "", "mapped"


class UploadForm(forms.Form):
    file = forms.FileField(label="File", widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.zip,text/csv"}))
    format = forms.ChoiceField(
        label="Format",
        required=False,
        choices=[
            (AUTO, "Recognise it from the file"),
            *formats.FORMAT_CHOICES,
            (MAPPED, "Another CSV: I choose the columns"),
        ],
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > reading.MAX_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {reading.MAX_BYTES // (1024 * 1024)} MB: split it and import each part."
                " An account export with many documents imports on the server, of any size:"
                " manage.py import_history --user NAME FILE."
            )
        return file

    def choices(self, into: str = "") -> Choices:
        chosen = self.cleaned_data["format"]
        mapping = {"date": ""} if chosen == MAPPED else {}
        return Choices(format="" if chosen == MAPPED else chosen, mapping=mapping, into=into)


class ChoicesForm(forms.Form):
    """What the preview asks; its fields follow the file (one vehicle choice per vehicle in it)."""

    date_order = forms.ChoiceField(
        label="Dates in this file are written",
        required=False,
        choices=[("", "As the file decides"), *reading.DATE_ORDERS.items()],
    )
    decimal_mark = forms.ChoiceField(
        label="Decimal mark",
        required=False,
        choices=[("", "As the file decides"), (".", "a point (1.5)"), (",", "a comma (1,5)")],
    )

    def __init__(
        self, *args, vehicles: list[dict], headers: list[str], garage: list, choices: Choices, **kwargs
    ) -> None:
        """``vehicles``: the preview's (``Plan.summary``), each with its key, name and target."""
        super().__init__(*args, **kwargs)
        self.initial.update(date_order=choices.date_order, decimal_mark=choices.decimal_mark)
        self.keys: list[str] = []
        targets = [(NEW, "Create a new vehicle"), *((str(v.pk), str(v)) for v in garage)]
        for index, vehicle in enumerate(vehicles):
            name = f"vehicle_{index}"
            self.keys.append(vehicle["key"])
            self.fields[name] = forms.ChoiceField(label=f"“{vehicle['name']}” goes to", choices=targets)
            self.initial[name] = NEW if vehicle["target_pk"] is None else str(vehicle["target_pk"])
        self.mapping = bool(choices.mapping)
        if self.mapping:
            self.fields["map_rows"] = forms.ChoiceField(label="The file’s rows are", choices=formats.ROW_KINDS.items())
            self.initial["map_rows"] = choices.mapping.get("rows") or "fills"
            columns = [("", "(none)"), *((h, h) for h in headers if h)]
            for field, label in formats.MAPPED_FIELDS.items():
                self.fields[f"map_{field}"] = forms.ChoiceField(label=label, choices=columns, required=False)
                self.initial[f"map_{field}"] = choices.mapping.get(field, "")

    def clean(self) -> dict:
        """The columns the kind of rows chosen cannot do without, each asked beside its field."""
        data = super().clean()
        if self.mapping:
            for field in formats.REQUIRED_MAPPED.get(data.get("map_rows") or "fills", ()):
                if not data.get(f"map_{field}"):
                    self.add_error(f"map_{field}", "Choose the column that holds this.")
        return data

    def choices(self, before: Choices) -> Choices:
        data = self.cleaned_data
        vehicles = {key: data[f"vehicle_{index}"] for index, key in enumerate(self.keys)}
        mapping = {f: data[f"map_{f}"] for f in ("rows", *formats.MAPPED_FIELDS)} if self.mapping else {}
        return Choices(
            format=before.format,
            date_order=data["date_order"],
            decimal_mark=data["decimal_mark"],
            vehicles=vehicles,
            mapping=mapping,
            into=before.into,
        )
