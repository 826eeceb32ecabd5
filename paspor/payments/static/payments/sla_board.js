// The SLA board reloads itself every five minutes, so a screen left open shows the day as it
// moves. Not while a supervisor is writing a reason for a late case: a reload would throw the
// typed reason away, so the board waits until the field is left empty and unfocused.
(function () {
  "use strict";
  var EVERY = 5 * 60 * 1000;
  var RETRY = 30 * 1000;
  function writing() {
    var active = document.activeElement;
    if (active && active.form && active.closest("main")) { return true; }
    return Array.prototype.some.call(
      document.querySelectorAll("main input[type=text], main input:not([type]), main textarea"),
      function (field) { return field.value.trim() !== ""; }
    );
  }
  function reload() {
    if (writing()) { window.setTimeout(reload, RETRY); return; }
    window.location.reload();
  }
  window.setTimeout(reload, EVERY);
})();
