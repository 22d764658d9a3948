from motovault.tests.conftest import alices, household  # noqa: F401  the sweep's household, reused
