// Counter console: a keyboard shortcut for every action (the key shown in <kbd>).
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") return;
    var target = document.querySelector('[data-shortcut="' + e.key.toLowerCase() + '"]');
    if (!target || target.disabled) return;
    e.preventDefault();
    if (target.tagName.toLowerCase() === "select") target.focus();
    else target.click();
  });

  // A refused action (400, 403, 409) answers with the panel and the reason in it; htmx does
  // not swap error answers by default, which would leave the officer without the reason.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var status = e.detail.xhr.status;
    var inConsole = e.detail.target && e.detail.target.closest && e.detail.target.closest("#console");
    if (inConsole && (status === 400 || status === 403 || status === 409)) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });
})();
