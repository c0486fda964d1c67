"""The second step of a log-in through the real pages: the code the member's app would show
now, computed from the app's secret (shared by the browser tests)."""

from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page

SETUP = "/inloggen/tweestaps/instellen/"
VERIFY = "/inloggen/tweestaps/"


def app_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def pass_second_step(page: Page, username: str) -> None:
    """Set up the app or type its code, if the log-in has led to either page."""
    path = page.url.split("?")[0]
    user = get_user_model().objects.get(username=username)
    if path.endswith(SETUP):
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        page.get_by_label("Code").fill(app_code(device))
        page.get_by_role("button", name="Bevestigen").click()
        page.get_by_role("link", name="Ik heb de codes bewaard").click()
    elif path.endswith(VERIFY):
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        # A second log-in within the same 30 seconds: the app's code may be used again.
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
        page.get_by_label("Code").fill(app_code(device))
        page.get_by_role("button", name="Verder").click()
