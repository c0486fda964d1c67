/* After django-otp-webauthn's script has saved a new passkey (its event
 * "otp_webauthn.register_complete"), send the page's form that shows the backup codes.
 * Loaded from /static/, so the Content-Security-Policy needs no inline script. */
(function () {
  "use strict";
  document.addEventListener("otp_webauthn.register_complete", function () {
    var form = document.getElementById("passkey-done-form");
    if (form) {
      form.submit();
    }
  });
})();
