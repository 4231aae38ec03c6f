/**
 * `/p.js`, the one optional script of the phone page. Plain ES5 with XMLHttpRequest (old phone
 * browsers have no fetch); the page works the same without it. It
 * - asks `/v` every 3 s which question is open and reloads when that changes, unless the participant
 *   has started filling in the form (their choices would be lost);
 * - sends the form in the background and shows "saved" without reloading;
 * - on a points ranking poll, shows the points still to spread (`#r`: `data-t` the total, `data-l` the sentence).
 * Strings come from the page (data- attributes and the server's JSON), so this file has no texts.
 */
const SOURCE = `(function () {
  var d = document, v = d.body.getAttribute('data-v'), f = d.getElementById('f'), s = d.getElementById('s');
  var dirty = false, busy = false;
  function req(method, url, body, done) {
    var r = new XMLHttpRequest();
    r.open(method, url, true);
    r.setRequestHeader('Accept', 'application/json');
    if (body !== null) r.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
    r.onreadystatechange = function () {
      if (r.readyState !== 4) return;
      var j = null;
      try { j = JSON.parse(r.responseText); } catch (e) {}
      done(r.status, j, r.responseText);
    };
    r.send(body);
  }
  function say(text, ok) {
    s.className = ok ? 'n' : 'n e'; s.textContent = text || '';
    if (s.scrollIntoView) s.scrollIntoView(false); // below a long question the button's answer is off screen otherwise
  }
  var r = d.getElementById('r');
  function left() {
    var n = +r.getAttribute('data-t'), e = f.elements, i;
    for (i = 0; i < e.length; i++) if (e[i].getAttribute('data-p')) n -= +e[i].value || 0;
    r.textContent = r.getAttribute('data-l').replace('{n}', n);
  }
  if (f && r) { left(); f.oninput = left; }
  if (f && s) {
    f.onchange = f.onkeyup = function () { dirty = true; };
    f.onsubmit = function () {
      if (busy) return false;
      var parts = [], el = f.elements, i, e;
      for (i = 0; i < el.length; i++) {
        e = el[i];
        if (!e.name || ((e.type === 'radio' || e.type === 'checkbox') && !e.checked)) continue;
        parts.push(encodeURIComponent(e.name) + '=' + encodeURIComponent(e.value));
      }
      busy = true;
      say(f.getAttribute('data-sending'), true);
      req('POST', '/answer', parts.join('&'), function (status, j) {
        busy = false;
        if (!j) return say(f.getAttribute('data-offline'), false);
        if (j.reason === 'not-joined') return location.replace('/');
        if (j.ok || j.reason === 'closed' || j.reason === 'no-open-question') dirty = false;
        say(j.message, j.ok);
      });
      return false;
    };
  }
  setInterval(function () {
    if (dirty || busy) return;
    req('GET', '/v', null, function (status, j, text) {
      if (status === 200 && text !== v) location.replace('/q');
    });
  }, 3000);
})();
`

/** The script as served: indentation stripped (it is sent on every question, to every phone). */
export const PROGRESSIVE_SCRIPT = SOURCE.replace(/\n\s+/g, '\n')
