// Kiosk: the on-screen keypads fill the code and NIK fields (no keyboard); a USB scanner types
// the code, and a KTP reader the NIK, into the focused field. After a ticket: print, then back
// to the start.
// Every screen other than the clean start (an error, a half-typed code, English, the ticket)
// returns to the start after a short idle time, so the next person never sees the last one's data.
(function () {
  "use strict";
  // The keypad types into the field in use: the booking code (letters and digits) or the NIK
  // (digits). A KTP reader, like the scanner, types into the focused field.
  var code = document.getElementById("booking-code");
  var nik = document.getElementById("ktp-nik");
  var field = code;
  var use = function (input) {
    field = input;
    document.querySelectorAll(".keypad").forEach(function (pad) {
      pad.hidden = pad.dataset.for !== input.id;
    });
  };
  if (code) {
    [code, nik].forEach(function (input) {
      if (input) input.addEventListener("focus", function () { use(input); });
    });
    document.querySelectorAll(".keypad .key").forEach(function (key) {
      key.addEventListener("click", function () {
        var k = key.dataset.key;
        if (k === "back") field.value = field.value.slice(0, -1);
        else if (k === "clear") field.value = "";
        else field.value += k;
        field.focus();
      });
    });
    // Keep the focus in the field so the scanner always types there — without scrolling to
    // it: on a short screen that would push a refusal's message, above the field, out of view.
    document.addEventListener("click", function (e) {
      if (!e.target.closest("button, a, input")) field.focus({ preventScroll: true });
    });
    // The scanner presses Enter after the code: the KTP is read next, then the form is sent.
    var form = document.getElementById("checkin-form");
    form.addEventListener("submit", function (e) {
      if (nik && code.value.trim() !== "" && nik.value.trim() === "") {
        e.preventDefault();
        nik.focus({ preventScroll: true });
      }
    });
    // Not `autofocus` in the page: the browser scrolls to such a field, and may do it before
    // this script runs.
    var first = form.dataset.focus === "nik" && nik ? nik : code;
    use(first);
    first.focus({ preventScroll: true });
    // A refusal's message is what this person must read first.
    var refusal = document.getElementById("kiosk-error");
    if (refusal) refusal.scrollIntoView({ block: "nearest" });
  }

  // One request at a time: a second tap (another service, or check-in) while the first is on
  // its way would leave the first one's ticket unseen. The hold lifts after a while in case
  // the first answer never comes.
  var sending = false;
  document.querySelectorAll("#kiosk-screen form[method=post]").forEach(function (sent) {
    sent.addEventListener("submit", function (e) {
      if (e.defaultPrevented) return;  // the check-in form waiting for the KTP
      if (sending) { e.preventDefault(); return; }
      sending = true;
      document.getElementById("kiosk-screen").setAttribute("aria-busy", "true");
      window.setTimeout(function () {
        sending = false;
        document.getElementById("kiosk-screen").removeAttribute("aria-busy");
      }, 8000);
    });
  });

  var screen = document.getElementById("kiosk-screen") || document.getElementById("kiosk-done");
  if (screen) {
    var start = screen.dataset.start;
    var resetForm = document.getElementById("kiosk-reset");
    var toStart = function () {
      if (screen.dataset.lang !== "id" && resetForm) resetForm.submit();  // back to Indonesian
      else window.location.replace(start);
    };
    var pristine = function () {
      return screen.dataset.state === "start" && screen.dataset.lang === "id" &&
        (!code || code.value === "") && (!nik || nik.value === "");
    };
    var timer = null;
    var arm = function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        if (pristine()) arm(); else toStart();
      }, Number(screen.dataset.idle || 30) * 1000);
    };
    ["pointerdown", "keydown", "input"].forEach(function (name) {
      document.addEventListener(name, arm, true);
    });
    arm();
    // A refused check-in was answered to a POST: make this history entry the start page, so
    // reloading never posts the last person's code again.
    if (screen.dataset.state === "error" && window.location.pathname !== start) {
      window.history.replaceState(null, "", start);
    }
    var finish = document.getElementById("kiosk-finish");
    if (finish) finish.addEventListener("click", function (e) { e.preventDefault(); toStart(); });
  }

  var done = document.getElementById("kiosk-done");
  if (done) {
    var again = document.getElementById("print-again");
    if (again) again.addEventListener("click", function () { window.print(); });
    if (done.dataset.autoPrint === "1") window.setTimeout(function () { window.print(); }, 300);
  }
})();
