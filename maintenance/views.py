"""Maintenance pages. Every one starts from the signed-in user's rows (OwnedMixin): another user's
vehicle, service or reminder is a 404; a write asks ``access.require`` for the role it needs."""

from functools import cached_property

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.views import View
from django.views.generic import FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from documents.models import Document
from maintenance import calendar_feed, notify, selectors, services
from maintenance.forms import (
    ChannelForm,
    ReminderForm,
    ServiceFilterForm,
    ServiceRecordForm,
    SnoozeForm,
    ThresholdsForm,
    line_items,
)
from maintenance.models import Channel, Reminder, ReminderSettings, ServiceRecord
from motovault import formats
from motovault.mixins import OwnedMixin
from vehicles import access
from vehicles import selectors as vehicle_selectors
from vehicles.access import Role
from vehicles.models import Vehicle


class VehicleSectionMixin:
    """The vehicle page's tab (HTMX, target ``vehicle-section``) gets the section alone; caches
    must keep both apart."""

    def get_template_names(self) -> list[str]:
        if self.request.htmx and self.request.htmx.target == "vehicle-section":
            return [f"{self.template_name}#maintenance-section"]
        return [self.template_name]

    def render_to_response(self, context, **kwargs) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ["HX-Request", "HX-Target"])
        return response


class ServiceListView(OwnedMixin, VehicleSectionMixin, TemplateView):
    """Service records, newest first, of one vehicle (its section) or the whole garage, with
    filters and totals; the vehicle's page also shows what is due and its reminders."""

    model = ServiceRecord
    template_name = "maintenance/list.html"

    @cached_property
    def vehicle(self) -> Vehicle | None:
        if "vehicle_pk" not in self.kwargs:
            return None
        return self.get_owned(Vehicle, pk=self.kwargs["vehicle_pk"])

    def get_context_data(self, **kwargs) -> dict:
        user, vehicle = self.request.user, self.vehicle
        form = ServiceFilterForm(self.request.GET or None)
        data = form.cleaned_data if form.is_bound and form.is_valid() else dict.fromkeys(form.fields)
        chosen = (
            vehicle.pk if vehicle else None,
            data["service_type"] or "",
            data["kind"] or "",
            data["start"],
            data["end"],
        )
        # The checked filters key the cached table: anything malformed is the unfiltered list.
        page_key = ":".join("" if value is None else str(value) for value in chosen)
        today = timezone.localdate()
        just_deleted = self.request.GET.get("deleted", "")
        if just_deleted.isdecimal():
            kwargs["undo"] = ServiceRecord.objects.trashed_for_user(user).filter(pk=just_deleted).first()
        if vehicle is not None:
            kwargs["due"] = SimpleLazyObject(lambda: selectors.due_list(user, today, vehicle.pk))
            kwargs["reminders"] = (
                Reminder.objects.for_user(user)
                .filter(vehicle=vehicle)
                .select_related("entered_by")
                .order_by("done_on", "due_date")
            )
        return super().get_context_data(
            vehicle=vehicle,
            filter_form=form,
            page=SimpleLazyObject(lambda: selectors.service_page(user, *chosen)),
            page_key=page_key,
            filtered=any(value for value in chosen[1:]),
            service_types=SimpleLazyObject(lambda: selectors.service_types(user)),
            **kwargs,
        )


class VehicleWriteMixin(OwnedMixin):
    """A form about a record of one vehicle: the vehicle fetched through ``for_user`` (404), then
    the role checked (403) before anything is written."""

    required_role = Role.DRIVER  # the form itself too: a viewer gets no form to fill in

    @cached_property
    def vehicle(self) -> Vehicle:
        vehicle_pk = self.object.vehicle_id if self.object else self.kwargs["vehicle_pk"]
        vehicle = self.get_owned(Vehicle, pk=vehicle_pk)  # carries the user's role
        access.require(self.request.user, vehicle, self.required_role)
        return vehicle

    def assign(self, record) -> None:
        """A new record is the vehicle owner's, entered by whoever typed it."""
        if record.pk is None:
            record.vehicle = self.vehicle
            record.assign(self.request.user)

    @cached_property
    def object(self):
        if "pk" not in self.kwargs:
            return None
        return self.get_owned(self.model, pk=self.kwargs["pk"])


class ServiceFormView(VehicleWriteMixin, FormView):
    model = ServiceRecord
    form_class = ServiceRecordForm
    template_name = "maintenance/service_form.html"

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "vehicle": self.vehicle, "instance": self.object}

    @cached_property
    def items(self):
        data = self.request.POST if self.request.method == "POST" else None
        return line_items(data, self.object)

    def post(self, request, *args, **kwargs) -> HttpResponse:
        form = self.get_form()
        if form.is_valid() and self.items.is_valid():
            record = form.save(commit=False)
            self.assign(record)
            services.service_record_save(record=record, items=self.items.items())
            messages.success(request, "Service saved.")
            return redirect("maintenance:vehicle-list", self.vehicle.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        return super().get_context_data(
            vehicle=self.vehicle,
            object=self.object,
            items=self.items,
            service_types=selectors.service_types(user),
            odometer_km=vehicle_selectors.current_odometer_km(user, self.vehicle.pk),
            documents=Document.objects.for_user(user).filter(service_record=self.object) if self.object else [],
            **kwargs,
        )


class TrashMixin(OwnedMixin, SingleObjectMixin, View):
    """An action on one record (delete to the trash with Undo, restore, done, snooze): a POST; a
    GET (a link followed, a reload) is sent to the page the action is on."""

    http_method_names = ["get", "post"]
    trashed = False

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = self.get_object()
        return redirect("maintenance:vehicle-list", record.vehicle_id)

    def get_queryset(self):
        manager = self.model.objects
        rows = manager.trashed_for_user(self.request.user) if self.trashed else manager.for_user(self.request.user)
        return rows.select_related("vehicle")

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = self.get_object()
        if record.vehicle.deleted_at is not None:
            raise Http404("Its vehicle is in the trash: restore the vehicle first.")
        access.require(request.user, record.vehicle, Role.DRIVER)
        self.act(record)
        return self.done(record)


class ServiceDeleteView(TrashMixin):
    model = ServiceRecord

    def act(self, record) -> None:
        services.service_record_trash(record=record)

    def done(self, record) -> HttpResponse:
        url = reverse("maintenance:vehicle-list", args=[record.vehicle_id])
        return HttpResponseRedirect(f"{url}?{urlencode({'deleted': record.pk})}")


class ServiceRestoreView(TrashMixin):
    model = ServiceRecord
    trashed = True

    def act(self, record) -> None:
        services.service_record_restore(record=record)

    def done(self, record) -> HttpResponse:
        messages.success(self.request, f"Restored the {record}.")
        return redirect("maintenance:vehicle-list", record.vehicle_id)


class ReminderFormView(VehicleWriteMixin, FormView):
    model = Reminder
    form_class = ReminderForm
    template_name = "maintenance/reminder_form.html"

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "vehicle": self.vehicle, "instance": self.object}

    def form_valid(self, form) -> HttpResponse:
        reminder = form.save(commit=False)
        self.assign(reminder)
        odometer_km = vehicle_selectors.current_odometer_km(self.request.user, self.vehicle.pk)
        services.reminder_save(reminder=reminder, today=timezone.localdate(), odometer_km=odometer_km)
        messages.success(self.request, f"Reminder “{reminder.name}” saved.")
        return redirect("maintenance:vehicle-list", self.vehicle.pk)

    def get_context_data(self, **kwargs) -> dict:
        today = timezone.localdate()
        return super().get_context_data(
            vehicle=self.vehicle,
            object=self.object,
            service_types=selectors.service_types(self.request.user),
            snooze_form=SnoozeForm(today=today, initial={"until": today + timezone.timedelta(days=7)}),
            status=_reminder_status(self.request.user, self.object, today),
            **kwargs,
        )


def _reminder_status(user, reminder: Reminder | None, today) -> object:
    """The due list's line about this reminder (its state and what triggered it), if it is due."""
    if reminder is None:
        return None
    key = f"reminder:{reminder.pk}"
    return next((item for item in selectors.due_list(user, today, reminder.vehicle_id) if item.key == key), None)


class ReminderDoneView(TrashMixin):
    """Marked done today at the current odometer, without a service record."""

    model = Reminder

    def act(self, reminder) -> None:
        odometer_km = vehicle_selectors.current_odometer_km(self.request.user, reminder.vehicle_id)
        services.reminder_done(reminder=reminder, on=timezone.localdate(), odometer_km=odometer_km)

    def done(self, reminder) -> HttpResponse:
        if reminder.done_on:
            messages.success(self.request, f"“{reminder.name}” is done.")
        else:
            messages.success(self.request, f"“{reminder.name}” is done; the next one is set.")
        return redirect("maintenance:vehicle-list", reminder.vehicle_id)


class ReminderSnoozeView(TrashMixin):
    model = Reminder

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        reminder = self.get_object()
        access.require(request.user, reminder.vehicle, Role.DRIVER)
        form = SnoozeForm(request.POST, today=timezone.localdate())
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("until", ["Choose a date to snooze until."])))
            return redirect("maintenance:reminder-edit", reminder.pk)
        services.reminder_snooze(reminder=reminder, until=form.cleaned_data["until"])
        messages.success(request, f"“{reminder.name}” is snoozed until {formats.day(form.cleaned_data['until'])}.")
        return redirect("maintenance:vehicle-list", reminder.vehicle_id)


class ReminderDeleteView(TrashMixin):
    model = Reminder

    def act(self, reminder) -> None:
        services.reminder_trash(reminder=reminder)

    def done(self, reminder) -> HttpResponse:
        messages.success(self.request, f"“{reminder.name}” is in the trash.")
        return redirect("maintenance:vehicle-list", reminder.vehicle_id)


class ReminderRestoreView(TrashMixin):
    model = Reminder
    trashed = True

    def act(self, reminder) -> None:
        services.reminder_restore(reminder=reminder)

    def done(self, reminder) -> HttpResponse:
        messages.success(self.request, f"Restored the reminder “{reminder.name}”.")
        return redirect("maintenance:vehicle-list", reminder.vehicle_id)


class DueListView(OwnedMixin, TemplateView):
    """What is due next across the garage, soonest first, from every due provider."""

    model = Reminder
    template_name = "maintenance/due.html"

    def get_context_data(self, **kwargs) -> dict:
        user, today = self.request.user, timezone.localdate()
        due = SimpleLazyObject(lambda: selectors.due_list(user, today))
        return super().get_context_data(due=due, today=today, **kwargs)


class NotificationSettingsView(OwnedMixin, TemplateView):
    """Thresholds, channels (each with a test button and its failures), and the calendar feed.
    The settings page loads it (HTMX) below the preferences; it is a page of its own too."""

    model = ReminderSettings
    template_name = "maintenance/notifications.html"

    def get_template_names(self) -> list[str]:
        return [f"{self.template_name}#notifications" if self.request.htmx else self.template_name]

    @cached_property
    def settings(self) -> ReminderSettings:
        """The user's, or the defaults unsaved (a GET writes nothing)."""
        user = self.request.user
        return ReminderSettings.objects.for_user(user).first() or ReminderSettings(owner=user)

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        kwargs.setdefault("thresholds_form", ThresholdsForm(user=user, settings=self.settings))
        kwargs.setdefault("channel_form", ChannelForm())
        feed = reverse("maintenance:calendar", args=[self.settings.calendar_token]) if self.settings.pk else ""
        return super().get_context_data(
            settings=self.settings,
            channels=Channel.objects.for_user(user),
            feed_url=self.request.build_absolute_uri(feed) if feed else "",
            **kwargs,
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        action = request.POST.get("action", "")
        if action == "thresholds":
            form = ThresholdsForm(request.POST, user=request.user, settings=self.settings)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(thresholds_form=form))
            data = form.cleaned_data
            services.thresholds_update(
                user=request.user,
                soon_days=data["soon_days"],
                very_soon_days=data["very_soon_days"],
                soon_km=data["soon_distance"],
                very_soon_km=data["very_soon_distance"],
            )
            messages.success(request, "Reminder thresholds saved.")
        elif action == "channel":
            form = ChannelForm(request.POST, instance=Channel(owner=request.user))
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(channel_form=form))
            form.save()
            messages.success(request, "Channel added: send it a test.")
        elif action == "calendar":
            services.calendar_token_regenerate(user=request.user)
            messages.success(request, "A new calendar address is made; the old one no longer works.")
        return redirect("maintenance:notifications")


class ChannelView(OwnedMixin, SingleObjectMixin, View):
    """POST ``test`` sends a test message now; ``delete`` removes the channel. A GET is sent to
    the settings."""

    model = Channel
    required_role = None  # a channel is its user's own, never shared

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.get_object()
        return redirect("maintenance:notifications")

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        channel = self.get_object()
        if request.POST.get("action") == "delete":
            services.channel_delete(channel=channel)
            messages.success(request, "Channel removed.")
        elif notify.send_test(channel):
            messages.success(request, f"Test sent to {channel.shown_target}.")
        else:
            messages.error(request, f"The test to {channel.shown_target} failed: {channel.last_error}")
        return redirect("maintenance:notifications")


def calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar feed: public, its secret token the only key (a wrong or old one: 404)."""
    mine = ReminderSettings.objects.filter(calendar_token=token, owner__is_active=True).select_related("owner").first()
    if mine is None or not token:
        raise Http404("No such calendar.")
    body = calendar_feed.feed(mine.owner, request.build_absolute_uri("/"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
