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
})();
