"""What every resource shares: quantities with their unit, money with its currency, errors, pages."""

from decimal import Decimal
from functools import cache

from ninja import Field, Schema
from pydantic import ConfigDict, create_model


class Quantity(Schema):
    """A number in the unit it names (the vehicle's unit, as its pages show it)."""

    value: Decimal
    unit: str


class Money(Schema):
    amount: Decimal
    currency: str = Field(description="ISO 4217, the user's currency")


class Error(Schema):
    detail: str


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class Invalid(Schema):
    """The input's problems, one a field (``loc`` ends with the field's name)."""

    detail: list[FieldError]


# What any operation may answer besides its success: a token missing or refused (401), a role or
# scope that does not allow it or a CSRF failure (403), an id not the caller's (404), a body too
# large (413), input refused (422), too many requests (429, with Retry-After).
ERRORS = {401: Error, 403: Error, 404: Error, 413: Error, 422: Invalid, 429: Error}


def answers(success: dict) -> dict:
    return {**success, **ERRORS}


class In(Schema):
    """Input: an unknown field is an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


@cache
def page_of(item: type[Schema]) -> type[Schema]:
    """A page of ``item``s; ``next`` is the cursor of the following page (null on the last)."""
    return create_model(f"{item.__name__}Page", __base__=Schema, items=(list[item], ...), next=(str | None, None))


def quantity(value: Decimal | None, unit: str) -> dict | None:
    return None if value is None else {"value": value, "unit": unit}


def money(amount: Decimal | None, user) -> dict | None:
    return None if amount is None else {"amount": amount, "currency": user.currency}
