/**
 * `/r/r.js`, the remote page's small script (plain ES5, XMLHttpRequest). It asks `/r/state` every second
 * and swaps in the fresh panel; a button press is sent as JSON with the remote's token in a header, and
 * the panel comes back in the reply. Without it the page still works: the buttons are a plain form.
 * Texts come from the server, so this file has none.
 */
const SOURCE = `(function () {
  var d = document, s = d.getElementById('s'), m = d.getElementById('m'), busy = false, last = '';
  function req(method, url, body, token, done) {
    var r = new XMLHttpRequest();
    r.open(method, url, true);
    r.setRequestHeader('Accept', 'application/json');
    if (body !== null) { r.setRequestHeader('Content-Type', 'application/json'); r.setRequestHeader('X-Remote-Token', token); }
    r.onreadystatechange = function () {
      if (r.readyState !== 4) return;
      var j = null;
      try { j = JSON.parse(r.responseText); } catch (e) {}
      if (r.status === 401) { location.reload(); return; }
      done(r.status, j);
    };
    r.send(body);
  }
  function show(j) { if (j && j.html && j.html !== last) { last = j.html; s.innerHTML = j.html; } }
  setInterval(function () {
    if (!busy && !d.hidden) req('GET', '/r/state', null, null, function (status, j) { show(j); });
  }, 1000);
  s.onclick = function (e) {
    var b = e.target;
    while (b && b.tagName !== 'BUTTON') b = b.parentNode;
    if (!b || !b.value) return;
    e.preventDefault();
    busy = true;
    req('POST', '/r/command', b.value, d.getElementById('t').value, function (status, j) {
      busy = false;
      show(j);
      m.textContent = status === 200 ? '' : (j && j.message) || '';
    });
  };
})();`

export const REMOTE_SCRIPT = SOURCE.replace(/\n\s*/g, '\n')
