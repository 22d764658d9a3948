"""Our sign-in against a real, independently written OpenID provider (panva's oidc-provider), in
headless Chromium: sign-in, sign-out at the provider, a cancel, a foreign error link, and the
start-up check of a mistyped issuer, once per client authentication. `make oidc-interop`."""

import os
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
APP, ISSUER = "http://127.0.0.1:8021", "http://127.0.0.1:3021"
SECRET = "a:secret+with%odd chars"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def app_env(auth_method: str, issuer: str = ISSUER) -> dict:
    return {
        **os.environ,
        "OIDC_ISSUER": issuer,
        "OIDC_CLIENT_ID": "motovault",
        "AUTH0_CLIENT_SECRET": SECRET,
        "OIDC_TOKEN_AUTH_METHOD": auth_method,
        "OIDC_PROVIDER_NAME": "oidc-provider",
        "OIDC_AUDIENCE": "",
    }


def wait_for(url: str) -> None:
    import urllib.request

    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"{url} did not answer")


def drive(page) -> None:
    page.goto(f"{APP}/accounts/login/")
    page.click("#oidc-login")
    page.fill("input[name=login]", "alice")
    page.fill("input[name=password]", "any")
    page.click("button[type=submit]")
    page.click("button[type=submit]")  # consent
    page.wait_for_url(f"{APP}/")
    expect(page.locator(".wide-only summary")).to_have_text("alice")
    page.locator(".wide-only summary").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{ISSUER}/session/end**")
    page.click("button[autofocus]")  # "Yes, sign me out"
    page.wait_for_url(f"{APP}/")
    expect(page.locator("#oidc-login, a[href='/accounts/login/']").first).to_be_visible()
    print("  sign-in and sign-out at the provider: ok")

    page.goto(f"{APP}/oidc/authenticate/")
    page.get_by_role("link", name="Cancel").click()
    expect(page.locator("h1")).to_have_text("Sign-in failed")
    expect(page.locator("blockquote")).to_have_text("access_denied: End-User aborted interaction")
    print("  a cancel at the provider: refused, its words attributed to it")

    page.goto(f"{APP}/oidc/callback/?error=access_denied&error_description=Call+us+now&state=foreign")
    expect(page.locator("h1")).to_have_text("Sign-in failed")
    assert "Call us now" not in page.content()
    print("  a foreign error link: refused, its text not shown")


def main() -> None:
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True)
    for auth_method in ("client_secret_basic", "client_secret_post"):
        print(auth_method)
        provider_env = {**os.environ, "ISSUER": ISSUER, "APP": APP, "CLIENT_SECRET": SECRET, "AUTH_METHOD": auth_method}
        provider = subprocess.Popen(["node", "provider.mjs"], cwd=HERE, env=provider_env)
        app = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", APP.removeprefix("http://"), "--noreload"],
            cwd=ROOT,
            env=app_env(auth_method),
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(f"{ISSUER}/.well-known/openid-configuration")
            wait_for(f"{APP}/health")
            if auth_method == "client_secret_basic":
                bad = subprocess.run(
                    [sys.executable, "manage.py", "check", "--deploy"],
                    cwd=ROOT,
                    env=app_env(auth_method, ISSUER + "/"),
                    capture_output=True,
                    text=True,
                )
                assert "motovault.E001" in bad.stderr and "does not end with a slash" in bad.stderr, bad.stderr
                print("  check --deploy with 'http://127.0.0.1:3021/': says the provider's issuer has no slash")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                drive(browser.new_page())
                browser.close()
        finally:
            app.terminate()
            provider.terminate()
            app.wait()
            provider.wait()


if __name__ == "__main__":
    main()
