import datetime
import random

import pytest

from documents.models import Document, DocumentVehicle
from documents.seed import seed_documents
from documents.selectors import documents_page

pytestmark = pytest.mark.django_db


def test_the_bench_seed_makes_documents_the_list_and_search_find(owner, vehicle, second_vehicle, documents_root):
    seed_documents(
        owner=owner,
        vehicles=[vehicle, second_vehicle],
        count=120,
        rng=random.Random(1),
        today=datetime.date(2026, 6, 1),
    )
    assert Document.objects.for_user(owner).count() == 120
    assert DocumentVehicle.objects.count() == 120 + 3  # documents 0, 50 and 100 cover both vehicles
    assert len(list(documents_root.rglob("*.*"))) == 2  # one sample file and its preview
    assert len(documents_page(owner, "1", text="insurance polic").documents) == 20
