// Small behaviours shared by every page, kept out of the HTML so the Content-Security-Policy
// can forbid inline scripts and event handlers.
(function () {
  "use strict";
  // <select data-autosubmit> sends its form as soon as the choice changes; a <noscript> button
  // next to it covers browsers without JavaScript.
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLElement && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.submit();
    }
  });
})();
