// "Use my position": the browser's position (asked with the user's permission) typed into the
// form's latitude and longitude fields. No inline script: the CSP forbids it.
(function () {
  "use strict";

  function locate(button) {
    const form = button.closest("form");
    const status = button.parentElement.querySelector("[data-locate-status]");
    status.textContent = "Finding your position…";
    navigator.geolocation.getCurrentPosition(
      (position) => {
        form.querySelector("[data-coordinate=latitude]").value = position.coords.latitude.toFixed(6);
        form.querySelector("[data-coordinate=longitude]").value = position.coords.longitude.toFixed(6);
        status.textContent = `Within about ${Math.round(position.coords.accuracy)} m.`;
      },
      (error) => {
        status.textContent = error.code === error.PERMISSION_DENIED
          ? "The browser was not allowed to tell your position: type it instead."
          : "Your position could not be found: type it instead.";
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (!("geolocation" in navigator)) {
      return;
    }
    document.querySelectorAll("[data-locate]").forEach((button) => {
      button.hidden = false;
      button.addEventListener("click", () => locate(button));
    });
  });
})();
