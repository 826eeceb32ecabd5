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
})();
