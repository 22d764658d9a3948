"""The S3 path, against moto's S3 server (the real protocol: boto3 signs, the server checks) started
here on a free port: a document stored in the bucket under a random key, served by a redirect to a
short-lived signed link only after the owner check, purged from the bucket. (moto does not check
signatures unless set up with IAM users; what is checked here is that the link is signed, v4, for a minute.)"""

import hashlib
import urllib.request
from urllib.parse import parse_qs, urlparse

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer

from documents.models import Document

from .conftest import pdf

pytestmark = pytest.mark.django_db
BUCKET = "motovault-documents"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    options = {
        "bucket_name": BUCKET,
        "endpoint_url": s3_server,
        "region_name": "us-east-1",
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": True,
        "signature_version": "s3v4",
        "querystring_expire": 60,
        "location": "documents",
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_a_document_goes_to_the_bucket_and_comes_back_through_a_signed_link(
    owner_client, other_client, vehicle, bucket, django_capture_on_commit_callbacks
):
    content = pdf()
    owner_client.post(
        reverse("documents:add"),
        {"kind": "insurance", "vehicles": [vehicle.pk], "files": SimpleUploadedFile("Police d’assurance.pdf", content)},
    )
    document = Document.objects.get()
    assert keys(bucket) == sorted([f"documents/{document.file.name}", f"documents/{document.thumbnail.name}"])
    assert "assurance" not in document.file.name

    response = owner_client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 302 and response["Cache-Control"] == "no-store"
    link = urlparse(response["Location"])
    query = parse_qs(link.query)
    assert link.path == f"/{BUCKET}/documents/{document.file.name}"
    assert query["X-Amz-Expires"] == ["60"] and "X-Amz-Signature" in query
    with urllib.request.urlopen(response["Location"]) as served:
        assert hashlib.sha256(served.read()).hexdigest() == document.sha256
        assert served.headers["Content-Type"] == "application/pdf"
        assert served.headers["Content-Disposition"] == "attachment; filename*=utf-8''Police%20d%E2%80%99assurance.pdf"

    for name in ("file", "download", "thumbnail"):
        assert other_client.get(reverse(f"documents:{name}", args=[document.pk])).status_code == 404

    document.soft_delete()
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(reverse("documents:purge", args=[document.pk]))
    assert keys(bucket) == []
