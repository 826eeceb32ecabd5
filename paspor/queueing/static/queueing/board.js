// Display board: receives calls by server-sent events, plays a chime (WebAudio) and speaks the
// text the server composed (speechSynthesis, Indonesian); the line under the number is written
// in the page's language. EventSource reconnects by itself and sends Last-Event-ID, so the
// board catches up on what it missed. Every event says who is at which counter now.
(function () {
  "use strict";
  var root = document.getElementById("board");
  if (!root) return;
  var statusLine = document.getElementById("board-status");
  var audio = null;
  var speaking = Promise.resolve();

  // The server's clock, not the TV's: a TV's own clock is often wrong by minutes or hours,
  // and the board would show a wrong time and start a new day (emptying itself) mid-morning.
  var skew = (Number(root.dataset.now) || Date.now()) - Date.now();

  // The office's clock, 24-hour, with the page language's separator ("09.30" / "09:30").
  function officeNow() {
    var parts = new Intl.DateTimeFormat("en-GB", {
      timeZone: root.dataset.tz, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).formatToParts(new Date(Date.now() + skew));
    var pick = function (type) {
      return parts.filter(function (p) { return p.type === type; })[0].value;
    };
    return {
      day: pick("year") + "-" + pick("month") + "-" + pick("day"),
      time: pick("hour") + (root.dataset.timeSeparator || ".") + pick("minute"),
    };
  }
  // The day the board shows; a board left on overnight starts the new office day empty.
  var shownDay = officeNow().day;
  function clock() {
    var now = officeNow();
    document.getElementById("board-clock").textContent = now.time;
    if (now.day !== shownDay) {
      shownDay = now.day;
      newDay();
    }
  }

  function chime() {
    return new Promise(function (resolve) {
      try {
        audio = audio || new (window.AudioContext || window.webkitAudioContext)();
        [[659.25, 0], [523.25, 0.35]].forEach(function (tone) {
          var osc = audio.createOscillator();
          var gain = audio.createGain();
          var start = audio.currentTime + tone[1];
          osc.type = "sine";
          osc.frequency.value = tone[0];
          gain.gain.setValueAtTime(0.0001, start);
          gain.gain.exponentialRampToValueAtTime(0.4, start + 0.03);
          gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.6);
          osc.connect(gain).connect(audio.destination);
          osc.start(start);
          osc.stop(start + 0.65);
        });
      } catch (err) { /* no audio device: speak anyway */ }
      window.setTimeout(resolve, 1000);
    });
  }

  function speak(text) {
    return new Promise(function (resolve) {
      if (!window.speechSynthesis) { resolve(); return; }
      var u = new SpeechSynthesisUtterance(text);
      u.lang = root.dataset.lang || "id-ID";
      u.rate = 0.9;
      var voices = window.speechSynthesis.getVoices ? window.speechSynthesis.getVoices() : [];
      var voice = voices.filter(function (v) { return (v.lang || "").indexOf("id") === 0; })[0];
      if (voice) u.voice = voice;
      var finished = false;
      function done() { if (!finished) { finished = true; resolve(); } }
      u.onend = done;
      u.onerror = done;
      window.setTimeout(done, 1500 + text.length * 90);
      window.speechSynthesis.speak(u);
    });
  }

  function announce(text) {
    speaking = speaking.then(chime).then(function () { return speak(text); });
  }

  function setText(id, text) { document.getElementById(id).textContent = text; }

  function counterLabel(n) {
    return document.getElementById("counter-label").content.textContent.trim() + " " + n;
  }

  function callLine(data) {
    return document.getElementById("call-line").content.textContent.trim()
      .replace("{ticket}", data.ticket).replace("{counter}", data.counter);
  }

  // Each counter's slot shows the ticket at it now; a counter the ticket left is emptied.
  function showCounters(slots) {
    if (!slots) return;
    var at = {};
    slots.forEach(function (slot) { at[slot.counter] = slot.ticket; });
    root.querySelectorAll("[data-counter]").forEach(function (item) {
      item.querySelector(".value").textContent = at[item.dataset.counter] || "";
    });
    fitCounters();
  }

  // On a TV the list drops the lines that do not fit, the highest counters first: with many
  // counters the ticket at counter 14 would not be on the board. Then the list leaves out the
  // counters nobody is at, so every ticket at a counter stays in view.
  function fitCounters() {
    var list = document.getElementById("board-counters");
    if (!list) return;
    list.classList.remove("board-counters-busy");
    var dropped = false;
    list.querySelectorAll("li").forEach(function (item) {
      var idle = item.querySelector(".value").textContent.trim() === "";
      item.classList.toggle("board-idle", idle);
      if (!idle && item.getBoundingClientRect().height < 1) dropped = true;
    });
    if (dropped) list.classList.add("board-counters-busy");
  }

  // The big number is the latest call while its ticket is at that counter (`hero`); the
  // previous calls list the others, one line per ticket, never the one shown big.
  var heroEl = document.getElementById("now-number");
  var hero = heroEl.dataset.ticket
    ? { ticket: heroEl.dataset.ticket, counter: heroEl.dataset.callCounter } : null;

  function addRecent(call) {
    var recent = document.getElementById("board-recent");
    Array.prototype.slice.call(recent.children).forEach(function (item) {
      if (item.dataset.ticket === call.ticket || item.classList.contains("board-none")) {
        recent.removeChild(item);
      }
    });
    var li = document.createElement("li");
    li.dataset.ticket = call.ticket;
    li.dataset.callCounter = call.counter;
    var strong = document.createElement("strong");
    strong.textContent = call.ticket;
    li.appendChild(strong);
    li.appendChild(document.createTextNode(" → " + counterLabel(call.counter)));
    recent.insertBefore(li, recent.firstChild);
    while (recent.children.length > 6) recent.removeChild(recent.lastChild);
  }

  function dropRecent(ticket) {
    var recent = document.getElementById("board-recent");
    Array.prototype.slice.call(recent.children).forEach(function (item) {
      if (item.dataset.ticket === ticket) recent.removeChild(item);
    });
  }

  function showCall(data) {
    if (hero && hero.ticket !== data.ticket) addRecent(hero);
    hero = { ticket: data.ticket, counter: String(data.counter) };
    dropRecent(data.ticket);
    setText("now-number", data.ticket);
    heroEl.classList.remove("board-empty");
    setText("now-counter", counterLabel(data.counter));
    setText("now-text", callLine(data));
    var now = root.querySelector(".board-now");
    now.classList.remove("flash");
    void now.offsetWidth;
    now.classList.add("flash");
    var slot = root.querySelector('[data-counter="' + data.counter + '"] .value');
    if (slot) slot.textContent = data.ticket;
  }

  // The ticket shown big left its counter (finished, parked, transferred, no-show, closed):
  // it becomes a previous call and the big number waits for the next call.
  function heroLeft(slots) {
    if (!hero || !slots) return;
    var still = slots.some(function (slot) {
      return slot.ticket === hero.ticket && String(slot.counter) === hero.counter;
    });
    if (still) return;
    addRecent(hero);
    hero = null;
    setText("now-number", document.getElementById("next-call").content.textContent.trim());
    heroEl.classList.add("board-empty");
    setText("now-counter", "");
    setText("now-text", "");
  }

  // Numbers start again each office day: yesterday's calls must not stay on the board (the
  // holder of today's A-005 would read "A-005 → Loket 3" as a call they missed).
  function newDay() {
    var none = document.getElementById("no-calls").content.textContent.trim();
    hero = null;
    setText("now-number", none);
    heroEl.classList.add("board-empty");
    setText("now-counter", "");
    setText("now-text", "");
    var recent = document.getElementById("board-recent");
    recent.textContent = "";
    var li = document.createElement("li");
    li.className = "board-none";
    li.textContent = none;
    recent.appendChild(li);
    showCounters([]);
    // Nobody waits yet for the new day; yesterday's counts would stand until the first ticket.
    root.querySelectorAll("[data-prefix] .value").forEach(function (slot) { slot.textContent = "0"; });
  }

  function showWaiting(rows) {
    (rows || []).forEach(function (row) {
      var slot = root.querySelector('[data-prefix="' + row.prefix + '"] .value');
      if (slot) slot.textContent = row.waiting;
    });
  }

  var lastId = root.dataset.after;

  function onEvent(e) {
    if (e.lastEventId) lastId = e.lastEventId;
    var data = JSON.parse(e.data);
    showWaiting(data.waiting);
    if (e.type === "call" || e.type === "recall") {
      showCall(data);
      if (!data.stale) announce(data.text);
    }
    showCounters(data.counters);
    heroLeft(data.counters);
  }

  // EventSource retries by itself after a dropped connection, but gives up for good on an
  // answer that is not a stream (a proxy's 502 while the server restarts, a 403 once the
  // board's session ended): the board would stay silent all day. It then asks for the board
  // page every few seconds: once it answers, the stream opens again after the last event seen;
  // when the session has ended, the page reloads and shows the sign-in the TV needs.
  var RETRY_MS = 5000;
  function revive() {
    window.fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.redirected) window.location.reload();
        else if (response.ok) connect();
        else window.setTimeout(revive, RETRY_MS);
      })
      .catch(function () { window.setTimeout(revive, RETRY_MS); });
  }

  // The server ends each stream after a while (and when the board's access ended); the
  // browser opens it again at once with Last-Event-ID. "Reconnecting" shows only when the
  // stream stays away longer than such a planned reopening takes.
  var NOTICE_MS = 3000;
  var notice = null;
  function connect() {
    var source = new EventSource(root.dataset.events + "?after=" + lastId);
    ["call", "recall", "queue"].forEach(function (kind) { source.addEventListener(kind, onEvent); });
    source.onopen = function () {
      window.clearTimeout(notice);
      notice = null;
      statusLine.textContent = "";
    };
    source.onerror = function () {
      if (notice === null) {
        notice = window.setTimeout(function () {
          statusLine.textContent = document.getElementById("reconnecting").content.textContent.trim();
        }, NOTICE_MS);
      }
      if (source.readyState === EventSource.CLOSED) window.setTimeout(revive, RETRY_MS);
    };
  }
  connect();
  clock();
  window.setInterval(clock, 1000);
  fitCounters();
  window.addEventListener("resize", fitCounters);

  // Browsers allow sound only after a touch or key press: one press on the TV's remote.
  var soundButton = document.getElementById("sound-on");
  soundButton.addEventListener("click", function () {
    audio = audio || new (window.AudioContext || window.webkitAudioContext)();
    audio.resume();
    soundButton.hidden = true;
  });
})();
