// The applicant's phone page polls its ticket every 5 s into a polite live region. An answer
// that says what the page already says is not swapped in: new nodes with the same words would
// be read out again by a screen reader at every poll.
(function () {
  "use strict";
  function words(node) {
    return (node.textContent || "").replace(/\s+/g, " ").trim();
  }
  document.addEventListener("htmx:beforeSwap", function (e) {
    var target = e.detail.target;
    if (!target || target.id !== "ticket-status" || e.detail.xhr.status !== 200) return;
    var answer = document.createElement("template");
    answer.innerHTML = e.detail.serverResponse;
    if (words(answer.content) === words(target)) e.detail.shouldSwap = false;
  });
})();
