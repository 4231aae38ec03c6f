/**
 * `/p.js`, the one optional script of the phone page. Plain ES5 with XMLHttpRequest (old phone
 * browsers have no fetch); the page works the same without it. It
 * - asks `/v` every 3 s which question is open and reloads when that changes, unless the participant
 *   has started filling in the form (their choices would be lost);
 * - sends the form in the background and shows "saved" without reloading (and scrolls to that answer: below a long question it is off screen);
 * - greys out further boxes of a question with a limit ("up to 3", `data-max` on the form);
 * - on a points ranking poll, shows the points still to spread (`#r`: `data-t` the total, `data-l` the sentence).
 * Short names keep it under 2 KB: `w` the participant has started filling in the form, `q` a send in flight.
 * Strings come from the page (data- attributes and the server's JSON), so this file has no texts.
 */
const SOURCE = `(function () {
  var d = document, v = d.body.getAttribute('data-v'), f = d.getElementById('f'), s = d.getElementById('s'), r = d.getElementById('r');
  var w = false, q = false;
  function req(m, u, b, k) {
    var x = new XMLHttpRequest();
    x.open(m, u, true);
    x.setRequestHeader('Accept', 'application/json');
    if (b !== null) x.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
    x.onreadystatechange = function () {
      if (x.readyState !== 4) return;
      var j = null;
      try { j = JSON.parse(x.responseText); } catch (e) {}
      k(x.status, j, x.responseText);
    };
    x.send(b);
  }
  function say(t, o) {
    s.className = o ? 'n' : 'n e'; s.textContent = t || '';
    if (s.scrollIntoView) s.scrollIntoView(false);
  }
  function upd() {
    var m = +f.getAttribute('data-max'), e = f.elements, n = 0, i;
    if (r) {
      n = +r.getAttribute('data-t');
      for (i = 0; i < e.length; i++) if (e[i].getAttribute('data-p')) n -= +e[i].value || 0;
      r.textContent = r.getAttribute('data-l').replace('{n}', n);
    }
    if (!m) return;
    for (i = 0; i < e.length; i++) if (e[i].checked) n++;
    for (i = 0; i < e.length; i++) if (e[i].type === 'checkbox') e[i].disabled = !e[i].checked && n >= m;
  }
  if (f && s) {
    upd();
    f.oninput = f.onchange = f.onkeyup = function () { w = true; upd(); };
    f.onsubmit = function () {
      if (q) return false;
      var p = [], g = f.elements, i, e;
      for (i = 0; i < g.length; i++) {
        e = g[i];
        if (!e.name || ((e.type === 'radio' || e.type === 'checkbox') && !e.checked)) continue;
        p.push(encodeURIComponent(e.name) + '=' + encodeURIComponent(e.value));
      }
      q = true;
      say(f.getAttribute('data-sending'), true);
      req('POST', '/answer', p.join('&'), function (c, j) {
        q = false;
        if (!j) return say(f.getAttribute('data-offline'), false);
        if (j.reason === 'not-joined') return location.replace('/');
        if (j.ok || j.reason === 'closed' || j.reason === 'no-open-question') w = false;
        say(j.message, j.ok);
      });
      return false;
    };
  }
  setInterval(function () {
    if (w || q) return;
    req('GET', '/v', null, function (c, j, t) {
      if (c === 200 && t !== v) location.replace('/q');
    });
  }, 3000);
})();
`

/** The script as served: indentation stripped (it is sent on every question, to every phone). */
export const PROGRESSIVE_SCRIPT = SOURCE.replace(/\n\s+/g, '\n')
