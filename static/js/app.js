// MotoVault's own script: small behaviours that must not live inline (the CSP forbids it).
document.addEventListener("click", (event) => {
  // Buttons with data-confirm ask before they act.
  const target = event.target.closest("[data-confirm]");
  if (target && !window.confirm(target.dataset.confirm)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

// A tab loaded with HTMX becomes the selected one.
document.addEventListener("htmx:beforeRequest", (event) => {
  const tab = event.target.closest(".tabs a");
  if (!tab) return;
  for (const other of tab.parentElement.querySelectorAll("a")) {
    other.setAttribute("aria-selected", other === tab ? "true" : "false");
  }
});
