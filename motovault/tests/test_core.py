"""The core package (``motovault/``) is the ground floor: it imports no feature app, so every
feature can rely on it and none is needed to run it."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

CORE = settings.BASE_DIR / "motovault"


def feature_apps() -> set[str]:
    """Our apps but the core: those whose code lives in the project, not in an installed package."""
    ours = [config for config in apps.get_app_configs() if "site-packages" not in Path(config.path).parts]
    return {config.name.split(".")[0] for config in ours} - {"motovault"}


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


def test_the_core_imports_no_feature():
    features = feature_apps()
    assert {"vehicles", "fuel_logs", "dashboard", "demo", "platform_data"} <= features
    offending = {
        f"{path.relative_to(settings.BASE_DIR)}: {module}"
        for path in CORE.rglob("*.py")
        if "tests" not in path.relative_to(CORE).parts
        for module in imported_modules(path)
        if module.split(".")[0] in features
    }
    assert offending == set()
