// Counter console: a keyboard shortcut for every action (the key shown in <kbd>).
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    // A key held down repeats: one press is one action (a held U would recall again and again,
    // each call spoken on the board and counted towards the no-show).
    if (e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") return;
    var target = document.querySelector('[data-shortcut="' + e.key.toLowerCase() + '"]');
    if (!target || target.disabled) return;
    e.preventDefault();
    if (target.tagName.toLowerCase() === "select") target.focus();
    else target.click();
  });

  // A refused action (400, 403, 409) answers with the panel and the reason in it; htmx does
  // not swap error answers by default, which would leave the officer without the reason.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var status = e.detail.xhr.status;
    var inConsole = e.detail.target && e.detail.target.closest && e.detail.target.closest("#console");
    if (inConsole && (status === 400 || status === 403 || status === 409)) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });

  // An action replaces the panel, and the pressed button with it: focus would fall back to the
  // page and the next Tab start again at the skip link. It goes to the panel's primary action
  // (Pico's filled button), else to its first enabled one, as the officer's next step.
  document.addEventListener("htmx:afterSettle", function (e) {
    if (!e.detail.target || e.detail.target.id !== "console") return;
    if (document.activeElement && document.activeElement !== document.body) return;
    var actions = document.querySelectorAll("#console .console-actions button:not([disabled])");
    var primary = Array.prototype.filter.call(actions, function (b) {
      return !b.classList.contains("secondary");
    })[0] || actions[0];
    if (primary) primary.focus();
  });

  // What the action did ("Memanggil A-001.") is read out by a screen reader: the notice is
  // copied into the live region beside the panel, which htmx does not replace. Emptied first,
  // so the same words twice in a row (two calls with nobody waiting) are read again.
  document.addEventListener("htmx:afterSettle", function (e) {
    if (!e.detail.target || e.detail.target.id !== "console") return;
    var region = document.getElementById("console-announce");
    var notice = document.getElementById("console-notice");
    if (!region) return;
    region.textContent = "";
    if (notice) window.setTimeout(function () { region.textContent = notice.textContent; }, 50);
  });

  // A request the server never answered (the network or the server is down) or answered with
  // an error of its own: htmx drops it without a word, and the officer would take the call
  // for made. The line above the panel says so. After an action lost on the way, the console
  // loads again once the server answers the queue's refresh: it shows what was recorded.
  var problem = document.getElementById("console-problem");
  var reloadWhenBack = false;
  function tell(id, status) {
    if (!problem) return;
    problem.textContent = document.getElementById(id).content.textContent.trim()
      .replace("{status}", status);
    problem.dataset.kind = id;
    problem.hidden = false;
  }
  function isAction(e) {
    return ((e.detail.requestConfig && e.detail.requestConfig.verb) || "").toLowerCase() === "post";
  }
  document.addEventListener("htmx:sendError", function (e) {
    if (isAction(e)) {
      reloadWhenBack = true;
      tell("problem-action-offline", "");
    } else if (!reloadWhenBack) {
      tell("problem-offline", "");
    }
  });
  document.addEventListener("htmx:responseError", function (e) {
    if (isAction(e)) tell("problem-action-failed", String(e.detail.xhr.status));
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    if (!e.detail.successful || !problem) return;
    if (reloadWhenBack) {
      reloadWhenBack = false;
      window.sessionStorage.setItem("console-reloaded", "1");
      window.location.reload();
    } else if (isAction(e) || problem.dataset.kind === "problem-offline") {
      problem.hidden = true;
    }
  });
  // Loaded again after a lost action: the officer is told why, until the next action.
  if (window.sessionStorage.getItem("console-reloaded")) {
    window.sessionStorage.removeItem("console-reloaded");
    tell("problem-back", "");
  }

  // The 3-second refresh brings the open counters of "Alihkan ke" again (out of band): a
  // counter closed meanwhile is no longer offered. Not while the officer is choosing in the
  // list; a choice made stays chosen while its counter is still open.
  var chosen = "";
  document.addEventListener("htmx:oobBeforeSwap", function (e) {
    if (!e.detail.target || e.detail.target.id !== "transfer-counters") return;
    var select = document.getElementById("transfer-target");
    if (!select) return;
    if (document.activeElement === select) { e.detail.shouldSwap = false; return; }
    chosen = select.value;
  });
  document.addEventListener("htmx:oobAfterSwap", function (e) {
    var select = document.getElementById("transfer-target");
    if (!select || !chosen) return;
    var still = Array.prototype.some.call(select.options, function (o) { return o.value === chosen; });
    select.value = still ? chosen : "";
    chosen = "";
  });
})();
