"""Free text in the CSV files we write: a cell a spreadsheet would run as a formula is written
behind a quote, and read back without it, so an export opened in a spreadsheet runs nothing and
an import of it gives back what was typed."""

# OWASP's list of what starts a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell: str) -> str:
    """A cell of free text that a spreadsheet will show as text, never run as a formula (and a
    text that looked escaped already gets a quote too, so ``from_text`` gives it back as it was)."""
    return f"'{cell}" if cell.lstrip("'").startswith(FORMULA_STARTS) else cell


def from_text(cell: str) -> str:
    """A free-text cell as it was before ``as_text``."""
    return cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS) else cell
