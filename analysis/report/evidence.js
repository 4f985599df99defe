// The evidence page's own script: article text goes into the page as text nodes only.
(function () {
  'use strict';
  var bytes = Uint8Array.from(atob(document.getElementById('evidence-data').textContent.trim()),
                              function (c) { return c.charCodeAt(0); });
  var data = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  var layers = data.layers, articles = data.articles, byId = {};
  articles.forEach(function (a, i) { byId[a.id] = i; });
  var shown = layers.map(function () { return true; });
  var searchKeys = [];
  var list = document.getElementById('article-list');
  var textBox = document.getElementById('article-text');
  var header = document.getElementById('article-header');
  var details = document.getElementById('details');

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function about(a) { return [a.title, a.source, a.date].filter(Boolean).join(' · '); }

  function buildList() {
    articles.forEach(function (a) {
      var li = el('li'), link = el('a', null, a.id);
      link.href = '#doc=' + encodeURIComponent(a.id);
      li.appendChild(link);
      li.appendChild(el('span', 'doc-meta', about(a)));
      searchKeys.push((a.id + ' ' + about(a)).toLowerCase());  // kept in script, not in an attribute
      list.appendChild(li);
    });
    document.getElementById('article-filter').addEventListener('input', function (event) {
      var q = event.target.value.toLowerCase();
      Array.prototype.forEach.call(list.children, function (li, i) {
        li.hidden = q !== '' && searchKeys[i].indexOf(q) < 0;
      });
    });
  }

  function parseHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    var start = parseInt(params.get('start'), 10), end = parseInt(params.get('end'), 10);
    return {doc: params.get('doc'), start: isNaN(start) ? null : start, end: isNaN(end) ? null : end};
  }

  function renderHeader(a) {
    header.textContent = '';
    header.appendChild(el('h2', null, a.title || a.id));
    var meta = el('p', 'doc-meta');
    meta.appendChild(el('code', null, a.id));
    [a.source, a.date].forEach(function (v) { if (v) { meta.appendChild(document.createTextNode(' · ' + v)); } });
    if (a.url) {
      meta.appendChild(document.createTextNode(' · '));
      if (/^https?:\/\//i.test(a.url)) {
        var link = el('a', null, a.url); link.href = a.url; link.rel = 'noopener noreferrer';
        meta.appendChild(link);
      } else {
        meta.appendChild(el('span', null, a.url));
      }
    }
    header.appendChild(meta);
  }

  // Cut the text at every span boundary; each piece is marked with the layers covering it.
  function renderText(a, target) {
    var spans = a.spans.filter(function (s) { return shown[s[2]] && s[1] > s[0]; });
    var cuts = new Set([0, a.text.length]);
    spans.forEach(function (s) { cuts.add(s[0]); cuts.add(s[1]); });
    if (target) { cuts.add(target.start); cuts.add(target.end); }
    cuts = Array.from(cuts).filter(function (c) { return c >= 0 && c <= a.text.length; })
      .sort(function (x, y) { return x - y; });
    var order = spans.map(function (s, i) { return i; }).sort(function (x, y) { return spans[x][0] - spans[y][0]; });
    var active = new Set(), next = 0, frag = document.createDocumentFragment();
    for (var k = 0; k + 1 < cuts.length; k++) {
      var from = cuts[k], to = cuts[k + 1];
      active.forEach(function (i) { if (spans[i][1] <= from) { active.delete(i); } });
      while (next < order.length && spans[order[next]][0] <= from) {
        if (spans[order[next]][1] > from) { active.add(order[next]); }
        next++;
      }
      var piece = a.text.slice(from, to);
      var isTarget = target && from >= target.start && to <= target.end && target.end > target.start;
      if (active.size === 0 && !isTarget) { frag.appendChild(document.createTextNode(piece)); continue; }
      var mark = el('mark', null, piece), classes = [], ids = [];
      active.forEach(function (i) { classes.push('layer-' + layers[spans[i][2]][0]); ids.push(i); });
      if (isTarget) { classes.push('target'); }
      mark.className = Array.from(new Set(classes)).sort().join(' ');
      mark.dataset.spans = ids.join(',');
      frag.appendChild(mark);
    }
    textBox.textContent = '';
    textBox.appendChild(frag);
    textBox.onclick = function (event) {
      var mark = event.target.closest('mark');
      details.textContent = '';
      if (!mark || !mark.dataset.spans) { return; }
      mark.dataset.spans.split(',').forEach(function (i) {
        var s = spans[+i];
        details.appendChild(el('div', 'layer-' + layers[s[2]][0], '[' + s[0] + '–' + s[1] + '] ' + s[3]));
      });
    };
  }

  function render() {
    var want = parseHash();
    var index = want.doc !== null && byId.hasOwnProperty(want.doc) ? byId[want.doc] : 0;
    var a = articles[index];
    if (!a) { header.textContent = 'This corpus has no article.'; return; }
    var target = want.doc === a.id && want.start !== null && want.end !== null ? {start: want.start, end: want.end} : null;
    renderHeader(a);
    if (want.doc !== null && want.doc !== a.id) {
      header.appendChild(el('p', 'warning', 'No article has the id ' + want.doc + '; showing the first one.'));
    }
    details.textContent = '';
    renderText(a, target);
    Array.prototype.forEach.call(list.children, function (li, i) { li.classList.toggle('current', i === index); });
    var first = textBox.querySelector('mark.target');
    if (first) { first.scrollIntoView({block: 'center'}); } else { window.scrollTo(0, 0); }
  }

  document.querySelectorAll('.legend input[data-layer]').forEach(function (box) {
    box.addEventListener('change', function () { shown[+box.dataset.layer] = box.checked; render(); });
  });
  buildList();
  window.addEventListener('hashchange', render);
  render();
  document.body.dataset.ready = 'true';
})();
