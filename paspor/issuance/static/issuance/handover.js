// Handover form: the signature pad: pointer events (finger, pen, mouse) on a canvas,
// stored as a PNG data URL in the hidden "signature" field when the form is sent.
(function () {
  "use strict";
  var canvas = document.getElementById("signature-pad");
  var field = document.getElementById("id_signature");
  var form = document.getElementById("handover-form");
  if (!canvas || !field || !form) { return; }
  var ctx = canvas.getContext("2d");
  var drawing = false;
  var drawn = false;
  ctx.lineWidth = 3;
  ctx.lineCap = "round";
  ctx.strokeStyle = "#111";
  // A refused submit comes back with the signature that was sent: show it, so the collector
  // signs once even when the officer has to correct the NIK or the documents.
  if (field.value.indexOf("data:image/png;base64,") === 0) {
    var kept = new Image();
    kept.onload = function () { ctx.drawImage(kept, 0, 0); };
    kept.src = field.value;
  }

  function point(event) {
    var box = canvas.getBoundingClientRect();
    return {
      x: (event.clientX - box.left) * (canvas.width / box.width),
      y: (event.clientY - box.top) * (canvas.height / box.height)
    };
  }
  canvas.addEventListener("pointerdown", function (event) {
    drawing = true;
    canvas.setPointerCapture(event.pointerId);
    var p = point(event);
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!drawing) { return; }
    var p = point(event);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    drawn = true;
  });
  function stop() { drawing = false; }
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  document.getElementById("signature-clear").addEventListener("click", function () {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    drawn = false;
    field.value = "";
  });
  // Only the fields and documents the chosen basis needs (each part lists its bases in
  // data-bases). A hidden part keeps what was typed: changing the basis back shows it again,
  // and the server ignores what the chosen basis does not use.
  var parts = form.querySelectorAll(".basis-part");
  function showBasis() {
    var chosen = form.querySelector("input[name=basis]:checked");
    var basis = chosen ? chosen.value : "";
    parts.forEach(function (part) {
      var needed = basis !== "" && (" " + part.getAttribute("data-bases") + " ").indexOf(" " + basis + " ") !== -1;
      part.hidden = !needed;
    });
    // A group of such parts (the proxy's details, the documents seen) shows only with a part
    // to fill: before a basis is chosen it would be a heading over nothing.
    form.querySelectorAll("fieldset").forEach(function (group) {
      var own = group.querySelectorAll(".basis-part");
      if (own.length === 0) { return; }
      group.hidden = !Array.prototype.some.call(own, function (part) { return !part.hidden; });
    });
  }
  form.querySelectorAll(".basis-hint").forEach(function (hint) { hint.hidden = true; });
  form.querySelectorAll("input[name=basis]").forEach(function (radio) {
    radio.addEventListener("change", showBasis);
  });
  showBasis();
  // Untouched, the pad leaves the field as it is: empty, or the signature kept above.
  form.addEventListener("submit", function () {
    if (drawn) { field.value = canvas.toDataURL("image/png"); }
  });
})();
