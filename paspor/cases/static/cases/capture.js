// Webcam capture (getUserMedia → canvas → the photo form's file input) and the signature pad.
// Without a camera or JavaScript the plain upload forms still work.
(function () {
  "use strict";

  function setupCamera(root) {
    var video = root.querySelector("video");
    var canvas = root.querySelector("canvas");
    var start = root.querySelector("[data-camera-start]");
    var shoot = root.querySelector("[data-camera-shoot]");
    var error = root.querySelector("[data-camera-error]");
    var form = document.querySelector("[data-photo-form]");
    if (!form || !start) return;
    start.addEventListener("click", function () {
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        error.hidden = false;
        return;
      }
      navigator.mediaDevices
        .getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 960 } }, audio: false })
        .then(function (stream) {
          video.srcObject = stream;
          video.hidden = false;
          shoot.hidden = false;
          start.hidden = true;
          return video.play();
        })
        .catch(function () { error.hidden = false; });
    });
    shoot.addEventListener("click", function () {
      // A passport photo is portrait 35×45: crop the middle of the camera frame to that ratio.
      var w = video.videoWidth, h = video.videoHeight;
      var cropW = Math.min(w, Math.round(h * 35 / 45));
      canvas.width = cropW;
      canvas.height = h;
      canvas.getContext("2d").drawImage(video, (w - cropW) / 2, 0, cropW, h, 0, 0, cropW, h);
      canvas.toBlob(function (blob) {
        var input = form.querySelector("input[type=file]");
        var transfer = new DataTransfer();
        transfer.items.add(new File([blob], "kamera.jpg", { type: "image/jpeg" }));
        input.files = transfer.files;
        form.querySelector("input[name$=source]").value = "webcam";
        video.srcObject.getTracks().forEach(function (t) { t.stop(); });
        form.submit();
      }, "image/jpeg", 0.95);
    });
  }

  function setupSignature(form) {
    var pad = form.querySelector("[data-signature-pad]");
    var hidden = form.querySelector("input[name$=data_url]");
    var clear = form.querySelector("[data-signature-clear]");
    var ctx = pad.getContext("2d");
    var drawing = false, drawn = false;
    ctx.lineWidth = 2.5;
    ctx.lineCap = "round";
    ctx.strokeStyle = "#111";
    function point(e) {
      var r = pad.getBoundingClientRect();
      return [(e.clientX - r.left) * pad.width / r.width, (e.clientY - r.top) * pad.height / r.height];
    }
    pad.addEventListener("pointerdown", function (e) {
      drawing = true;
      pad.setPointerCapture(e.pointerId);
      var p = point(e);
      ctx.beginPath();
      ctx.moveTo(p[0], p[1]);
    });
    pad.addEventListener("pointermove", function (e) {
      if (!drawing) return;
      var p = point(e);
      ctx.lineTo(p[0], p[1]);
      ctx.stroke();
      drawn = true;
    });
    pad.addEventListener("pointerup", function () { drawing = false; });
    clear.addEventListener("click", function () {
      ctx.clearRect(0, 0, pad.width, pad.height);
      drawn = false;
    });
    form.addEventListener("submit", function () {
      if (drawn) {
        // White background so the stored PNG reads the same in every viewer.
        var out = document.createElement("canvas");
        out.width = pad.width;
        out.height = pad.height;
        var octx = out.getContext("2d");
        octx.fillStyle = "#fff";
        octx.fillRect(0, 0, out.width, out.height);
        octx.drawImage(pad, 0, 0);
        hidden.value = out.toDataURL("image/png");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-camera]").forEach(setupCamera);
    document.querySelectorAll("[data-signature-form]").forEach(setupSignature);
  });
})();
