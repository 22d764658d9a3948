"""A vehicle's year report as CSV rows and as a PDF (ReportLab: pure Python, no system libraries,
maintained since 2000): the same table as the page, month by month."""

import io
from collections.abc import Iterator
from decimal import Decimal
from html import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from dashboard.selectors import YearReport
from motovault import formats, units


def _header(figures: YearReport) -> list[str]:
    unit = figures.cost.vehicle.distance_unit
    return ["Month", *(label for _, label in figures.sources), "Value lost", "Total", f"Distance ({unit})"]


def _distance(km: Decimal, unit: str) -> Decimal:
    return units.rounded(units.from_km(km, unit), 0)


def _table(figures: YearReport, money) -> list[list[str]]:
    """The month rows and the year's total row, amounts written by ``money``."""
    unit = figures.cost.vehicle.distance_unit
    rows = []
    for month in figures.months:
        lost = month.depreciation or Decimal(0)
        rows.append(
            [
                f"{month.month:%Y-%m}",
                *(money(month.by_source[category]) for category, _ in figures.sources),
                money(lost),
                money(month.running + lost),
                str(_distance(month.distance_km, unit)),
            ]
        )
    cost, lost = figures.cost, figures.cost.depreciation or Decimal(0)
    rows.append(
        [
            str(figures.year),
            *(money(cost.by_source[category]) for category, _ in figures.sources),
            money(lost),
            money(cost.running + lost),
            str(_distance(cost.distance_km, unit)),
        ]
    )
    return rows


def csv_rows(figures: YearReport) -> Iterator[list[str]]:
    """Plain numbers in the user's currency (no symbol), a header first and the year's total last."""
    yield _header(figures)
    yield from _table(figures, lambda amount: str(units.rounded(amount, 2)))


def pdf(figures: YearReport, user) -> bytes:
    styles, out = getSampleStyleSheet(), io.BytesIO()
    user_formats = formats.of(user)
    vehicle = figures.cost.vehicle
    document = SimpleDocTemplate(
        out, pagesize=landscape(A4), title=f"{vehicle} · {figures.year}", leftMargin=15 * mm, rightMargin=15 * mm
    )
    table = Table([_header(figures), *_table(figures, lambda amount: formats.money(amount, formats=user_formats))])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.black),
                ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.HexColor("#f2f4f7")]),
            ]
        )
    )
    story = [
        Paragraph(f"{escape(str(vehicle))} · costs of {figures.year}", styles["Title"]),
        Paragraph(f"{escape(vehicle.description)}. Amounts in {user.currency}.", styles["Normal"]),
        Spacer(1, 6 * mm),
        table,
        Spacer(1, 6 * mm),
        Paragraph(
            "Total = every cost recorded in the month (fuel, services, insurance, other costs) + the value the"
            " vehicle lost in the month. Value lost: from the purchase price to the sale price, or while owned to"
            " the current value entered (a straight line), or by the yearly percentage chosen.",
            styles["Normal"],
        ),
    ]
    document.build(story)
    return out.getvalue()
