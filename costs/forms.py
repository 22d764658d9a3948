"""An other cost as the owner types it, in their currency."""

from django import forms
from django.utils import timezone

from costs.models import OtherCost
from costs.services import cost_save
from motovault import formats
from motovault.numbers import FiniteDecimalField

AMOUNT_LIMIT = 100_000_000  # far beyond any one payment, in any currency; the column holds more


class OtherCostForm(forms.ModelForm):
    amount = FiniteDecimalField(
        label="Amount",
        max_digits=12,
        decimal_places=2,
        min_value=0,
        max_value=AMOUNT_LIMIT,
        error_messages={
            "min_value": "An amount can't be negative.",
            "max_value": "An amount this large is not plausible.",
        },
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal", "min": 0}),
    )

    class Meta:
        model = OtherCost
        fields = ["category", "date", "amount", "recurrence", "recurrence_until", "notes"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "recurrence_until": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "recurrence": "A repeating cost is added again each month or year on its day.",
            "recurrence_until": "Leave empty to repeat until you stop it (or sell the vehicle).",
        }

    def __init__(self, *args, vehicle, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.vehicle = vehicle
        self.instance.owner_id = vehicle.owner_id  # a record's owner is its vehicle's
        if self.instance.series_id:  # an occurrence is a plain payment: its series holds the schedule
            del self.fields["recurrence"], self.fields["recurrence_until"]

    def clean(self) -> dict:
        data = super().clean()
        date, until = data.get("date"), data.get("recurrence_until")
        if date and date > timezone.localdate():
            self.add_error("date", "This date is in the future: enter a cost once it is paid.")
        if until and not data.get("recurrence"):
            self.add_error("recurrence", "Choose how often it repeats, or leave “repeats until” empty.")
        elif until and date and until < date:
            self.add_error("recurrence_until", "It stops repeating before it starts.")
        sold = self.instance.vehicle.sold_date
        if date and sold and date > sold and data.get("recurrence"):
            self.add_error(
                "recurrence", f"The vehicle was sold on {formats.day(sold)}: a cost after that does not repeat."
            )
        return data

    def save(self, commit: bool = True) -> OtherCost:
        return cost_save(cost=self.instance, today=timezone.localdate())
