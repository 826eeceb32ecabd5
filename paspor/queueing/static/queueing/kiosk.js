// Kiosk: the on-screen keypad fills the code field (no keyboard); a USB scanner types into the
// same field and presses Enter. After a ticket: print, then back to the start.
(function () {
  "use strict";
  var field = document.getElementById("booking-code");
  if (field) {
    document.querySelectorAll(".keypad .key").forEach(function (key) {
      key.addEventListener("click", function () {
        var k = key.dataset.key;
        if (k === "back") field.value = field.value.slice(0, -1);
        else if (k === "clear") field.value = "";
        else field.value += k;
        field.focus();
      });
    });
    // Keep the focus in the field so the scanner always types there.
    document.addEventListener("click", function (e) {
      if (!e.target.closest("button, a, input")) field.focus();
    });
    field.focus();
  }
  var done = document.getElementById("kiosk-done");
  if (done) {
    var again = document.getElementById("print-again");
    if (again) again.addEventListener("click", function () { window.print(); });
    if (done.dataset.autoPrint === "1") window.setTimeout(function () { window.print(); }, 300);
    window.setTimeout(function () { window.location.href = done.dataset.return; }, 20000);
  }
})();
