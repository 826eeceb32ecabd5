// Small behaviours shared by every page, kept out of the HTML so the Content-Security-Policy
// can forbid inline scripts and event handlers.
(function () {
  "use strict";
  // What cannot be undone asks first (cancelling or rejecting a case, spoiling a booklet,
  // failing quality control, handing over): the question is in data-confirm on the button
  // pressed or on its form, in the page's language. Caught before any other handler, so a
  // refusal stops the form entirely.
  document.addEventListener(
    "submit",
    function (event) {
      var button = event.submitter;
      var question =
        (button && button.getAttribute("data-confirm")) ||
        event.target.getAttribute("data-confirm");
      if (question && !window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  // A form that posts is sent once: a second press while its answer is on the way (a tired
  // double click, an impatient tap on a slow line) would ask the server twice, and the second
  // answer would say that the first already happened. The pressed button shows that it is
  // working. htmx's own forms (their submit is already prevented) and forms that open in
  // another window are left alone. The lock lifts when the browser brings the page back from
  // its cache, and after 15 seconds in case the answer never replaced the page.
  var LOCK_MS = 15000;
  function unlock(form) {
    form.removeAttribute("data-sending");
    // form.elements: a button may belong to the form from elsewhere (its form attribute).
    Array.prototype.forEach.call(form.elements, function (control) {
      control.removeAttribute("aria-busy");
    });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement)) {
      return;
    }
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") {
      return;
    }
    if (form.target && form.target !== "_self") {
      return;
    }
    if (form.hasAttribute("data-sending")) {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-sending", "");
    if (event.submitter) {
      event.submitter.setAttribute("aria-busy", "true");
    }
    window.setTimeout(function () {
      unlock(form);
    }, LOCK_MS);
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(unlock);
  });
})();
