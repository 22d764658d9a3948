"""Documents in: the upload (one file or several at once, about one vehicle or several) and the edit
of what a document says; every file checked (documents/validation.py) before anything is stored."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from fuel_logs.models import FuelLog
from maintenance.models import ServiceRecord
from motovault.numbers import FiniteDecimalField
from vehicles.access import Role
from vehicles.models import Vehicle

from . import services
from .models import Document, DocumentPreferences
from .validation import inspect

# One post may carry this many files (the browser's uploader sends them one by one).
MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None) -> list:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_FILES:
            raise ValidationError(f"Upload {MAX_FILES} files at most at once.", code="too_many")
        return [super(MultipleFileField, self).clean(file) for file in files]


class VehicleChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, vehicle: Vehicle) -> str:
        return f"{vehicle} ({vehicle.owner_name}'s)" if vehicle.is_shared_with_me else str(vehicle)


class DocumentForm(forms.ModelForm):
    """What a document says and which vehicles it covers (at least one of the user's)."""

    vehicles = VehicleChoices(queryset=Vehicle.objects.none(), error_messages={"required": "Choose a vehicle."})

    class Meta:
        model = Document
        fields = [
            "vehicles",
            "kind",
            "title",
            "number",
            "issued_on",
            "expires_on",
            "premium",
            "premium_period",
            "notes",
        ]
        field_classes = {"premium": FiniteDecimalField}
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"premium": "An insurance premium: counted as a cost of the vehicles it covers."}

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["vehicles"].queryset = self.vehicle_choices()
        if self.instance.pk:
            self.initial["vehicles"] = list(self.instance.vehicles.filter(deleted_at__isnull=True))

    def vehicle_choices(self) -> QuerySet:
        """The vehicles the user may add records to (an edit: those of the document's owner)."""
        choices = Vehicle.objects.for_user(self.user).filter(access_role__gte=Role.DRIVER)
        if self.instance.pk:
            choices = choices.filter(owner_id=self.instance.owner_id)
        return choices.with_sharing().order_by("pk")

    def clean(self) -> dict:
        data = super().clean()
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires < issued:
            self.add_error("expires_on", "The expiry date is before the issue date.")
        premium, period = data.get("premium"), data.get("premium_period")
        if premium is not None and not period:
            self.add_error("premium_period", "Say how long the premium pays for.")
        if premium is not None and not issued:
            self.add_error("issued_on", "A premium needs the issue date: it is counted from it.")
        if period and premium is None:
            self.add_error("premium", "Give the premium, or leave its period empty.")
        if len({vehicle.owner_id for vehicle in data.get("vehicles") or []}) > 1:
            self.add_error("vehicles", "A document covers vehicles of one owner: upload it once for each.")
        return data

    def save(self, commit: bool = True) -> Document:
        document = super().save(commit=False)
        try:
            return services.document_update(user=self.user, document=document, vehicles=self.cleaned_data["vehicles"])
        except ValidationError as error:
            self.add_error(None, error)
            raise


class UploadForm(DocumentForm):
    """New documents: each file its own document, all saying what the form says (a blank title is
    each file's name); optionally the receipt of a fill-up or a service of one of the vehicles chosen."""

    files = MultipleFileField(label="Files", help_text="PDF, JPEG, PNG, WebP, HEIC or plain text.")
    fuel_log = forms.ModelChoiceField(queryset=FuelLog.objects.none(), required=False, widget=forms.HiddenInput)
    service_record = forms.ModelChoiceField(
        queryset=ServiceRecord.objects.none(), required=False, widget=forms.HiddenInput
    )
    ATTACHED = {"fuel_log": "fill-up", "service_record": "service"}  # field: what the error calls it

    class Meta(DocumentForm.Meta):
        fields = ["files", *DocumentForm.Meta.fields]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = "Left blank, each file's name."
        self.fields["fuel_log"].queryset = FuelLog.objects.for_user(self.user)
        self.fields["service_record"].queryset = ServiceRecord.objects.for_user(self.user)
        self.checked: list = []

    def clean_files(self) -> list:
        problems, checked = [], []
        for upload in self.cleaned_data["files"]:
            try:
                checked.append((upload, inspect(upload)))
            except ValidationError as error:
                problems.extend(error.messages)
        if problems:
            raise ValidationError(problems)
        self.checked = checked
        return self.cleaned_data["files"]

    def clean(self) -> dict:
        data = super().clean()
        chosen = {vehicle.pk for vehicle in data.get("vehicles") or []}
        for name, called in self.ATTACHED.items():
            record = data.get(name)
            if record is not None and record.vehicle_id not in chosen:
                self.add_error("vehicles", f"The {called} this is attached to is of {record.vehicle}: keep it chosen.")
        return data

    def save(self, commit: bool = True) -> list[Document]:
        template = forms.ModelForm.save(self, commit=False)
        for name in self.ATTACHED:
            setattr(template, name, self.cleaned_data.get(name))
        try:
            return services.documents_create(
                user=self.user, template=template, vehicles=list(self.cleaned_data["vehicles"]), files=self.checked
            )
        except ValidationError as error:
            self.add_error("files", error)
            raise


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = DocumentPreferences
        fields = ["notice_days"]
        widgets = {"notice_days": forms.NumberInput(attrs={"min": 1, "max": 365})}

    def save(self, commit: bool = True) -> DocumentPreferences:
        return services.preferences_save(user=self.instance.owner, notice_days=self.cleaned_data["notice_days"])
