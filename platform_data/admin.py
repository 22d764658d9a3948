"""Curating the catalog. Saving an edit here marks the row curated, so the next import keeps it."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from platform_data.models import Configuration, Make, VehicleModel
from platform_data.services import make_merge


def mark_curated(form: forms.ModelForm) -> None:
    """An edit protects the row from the next import. Unticking "curated" by hand, alone, is how
    an admin hands the row back to the import."""
    if form.has_changed() and "curated" not in form.changed_data:
        form.instance.curated = True


class CuratedAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change) -> None:
        mark_curated(form)
        super().save_model(request, obj, form, change)


class VehicleModelInline(admin.TabularInline):
    model = VehicleModel
    fields = ["name", "curated"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Each row's title is str(model), which names its make.
        return super().get_queryset(request).select_related("make")


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(queryset=Make.objects.none(), label="Merge into")

    def __init__(self, *args, sources: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Make.objects.exclude(pk__in=sources.values("pk"))


@admin.register(Make)
class MakeAdmin(CuratedAdmin):
    list_display = ["name", "model_count", "curated"]
    list_filter = ["curated"]
    search_fields = ["name"]
    inlines = [VehicleModelInline]
    actions = ["merge_into"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(model_count=Count("models"))

    @admin.display(description="models", ordering="model_count")
    def model_count(self, make: Make) -> int:
        return make.model_count

    def save_formset(self, request, form, formset, change) -> None:
        for inline_form in formset.forms:
            mark_curated(inline_form)
        super().save_formset(request, form, formset, change)

    def has_merge_permission(self, request: HttpRequest) -> bool:
        """Merging changes models and deletes makes: it takes both rights (the admin's own
        ``permissions=[...]`` asks for any one of them)."""
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description="Merge into another make…", permissions=["merge"])
    def merge_into(self, request: HttpRequest, queryset: QuerySet) -> TemplateResponse | None:
        """Fold misspelled makes into the right one: their models move over, then they are deleted."""
        form = MergeForm(request.POST if "target" in request.POST else None, sources=queryset)
        if form.is_valid():
            target = form.cleaned_data["target"]
            names = ", ".join(make.name for make in queryset)
            result = make_merge(sources=list(queryset), target=target)
            self.message_user(
                request,
                f"Merged {names} into {target.name}: {result.models_moved} models moved, "
                f"{result.models_combined} combined with {target.name}'s model of the same name.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge makes",
            "opts": self.model._meta,
            "form": form,
            "sources": queryset.annotate(model_count=Count("models")),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/platform_data/make/merge.html", context)


@admin.register(VehicleModel)
class VehicleModelAdmin(CuratedAdmin):
    list_display = ["name", "make", "configuration_count", "curated"]
    list_select_related = ["make"]
    list_filter = ["curated", "make"]
    search_fields = ["make__name", "name"]
    autocomplete_fields = ["make"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super().get_queryset(request).select_related("make").annotate(configuration_count=Count("configurations"))
        )

    @admin.display(description="configurations", ordering="configuration_count")
    def configuration_count(self, model: VehicleModel) -> int:
        return model.configuration_count


@admin.register(Configuration)
class ConfigurationAdmin(CuratedAdmin):
    list_display = ["year", "make", "model", "label", "fuel", "city_mpg", "highway_mpg", "epa_id", "curated"]
    list_display_links = ["year", "label"]
    list_select_related = ["vehicle_model__make"]
    list_filter = ["source", "year", "fuel", "curated", "vehicle_model__make"]
    search_fields = ["vehicle_model__make__name", "vehicle_model__name", "=epa_id"]
    readonly_fields = ["source", "vpic_key"]  # what the import matches a row by
    autocomplete_fields = ["vehicle_model"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["vehicle_model", "year", "source", "epa_id", "vpic_key", "curated"]}),
        (
            "Powertrain",
            {"fields": ["trim", "cylinders", "displacement", "transmission", "drive", "electrification", "body_class"]},
        ),
        ("Fuel and economy", {"fields": ["fuel", "fuel_raw", "city_mpg", "highway_mpg", "epa_class"]}),
    ]

    @admin.display(ordering="vehicle_model__make__name")
    def make(self, config: Configuration) -> str:
        return config.vehicle_model.make.name

    @admin.display(ordering="vehicle_model__name")
    def model(self, config: Configuration) -> str:
        return config.vehicle_model.name

    @admin.display(description="configuration")
    def label(self, config: Configuration) -> str:
        return config.label
