"""What the cost pages vary on: a period and what of the purchase the totals count."""

from django import forms

from dashboard.selectors import Capital
from fuel_logs.forms import DateRangeForm


class CostsForm(DateRangeForm):
    """The period, and two toggles. Without ``shown`` (a first visit) the value lost is counted
    and the purchase price is not: the usual view of the cost of ownership."""

    purchase = forms.BooleanField(label="Count the purchase price", required=False)
    depreciation = forms.BooleanField(label="Count the value lost", required=False)
    shown = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, **kwargs):
        data = data.dict() if hasattr(data, "dict") else dict(data or {})
        if not data.get("shown"):
            data.update(depreciation="on", shown="1")
        super().__init__(data, **kwargs)

    @property
    def period(self) -> tuple:
        """The checked period; all of it when the dates are not valid."""
        if not self.is_valid():
            return None, None
        return self.cleaned_data["start"], self.cleaned_data["end"]

    @property
    def capital(self) -> Capital:
        self.is_valid()
        data = self.cleaned_data  # the toggles are clean even when a date is not
        return Capital(purchase=bool(data.get("purchase")), depreciation=bool(data.get("depreciation")))
