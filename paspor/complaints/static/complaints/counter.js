// Live character count under a text area with a maximum ("1.234 / 5.000 karakter").
// The limit itself is in the field's hint, read by screen readers; this count is for the eye.
(function () {
  "use strict";
  function start() {
    var format = new Intl.NumberFormat(document.documentElement.lang || "id");
    document.querySelectorAll("[data-counter-for]").forEach(function (counter) {
      var field = document.getElementById(counter.getAttribute("data-counter-for"));
      if (!field) { return; }
      var count = counter.querySelector("[data-count]");
      var max = counter.querySelector("[data-max]");
      var limit = parseInt(field.getAttribute("maxlength") || max.textContent, 10);
      max.textContent = format.format(limit);
      function update() {
        count.textContent = format.format(field.value.length);
        counter.classList.toggle("near-limit", field.value.length >= limit * 0.9);
      }
      field.addEventListener("input", update);
      update();
      counter.hidden = false;
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
