// page.js draws the graph embedded in #graph-data with cytoscape and wires the search box,
// the legend and the details panel. Every value from the data reaches the page through
// textContent, never as markup.
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('graph-data').textContent);
  var styleOf = {};
  data.labels.forEach(function (l) { styleOf[l.name] = l; });
  var byID = {};
  var byKey = {};
  data.nodes.forEach(function (n) { byID[n.id] = n; byKey[n.key] = n; });
  var edgeByID = {};
  data.edges.forEach(function (e) { edgeByID[e.id] = e; });

  // el builds an element: el('div', {className: 'x'}, 'text', child, ...).
  function el(tag, props) {
    var e = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === 'style') { e.setAttribute('style', props[k]); } else { e[k] = props[k]; }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) { continue; }
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }

  function colorOf(label) { return (styleOf[label] || {}).color || '#8b949e'; }

  function chip(label) {
    return el('span', {className: 'chip', style: 'background:' + colorOf(label)}, label);
  }

  document.getElementById('counts').textContent =
    data.nodes.length + ' nodes · ' + data.edges.length + ' relationships';

  // --- the graph ---------------------------------------------------------------------

  var elements = [];
  var count = data.nodes.length;
  var box = document.getElementById('cy').getBoundingClientRect();
  var aspect = box.height > 0 ? box.width / box.height : 1.4;
  var radius = 40 * Math.sqrt(count + 1);
  data.nodes.forEach(function (n, i) {
    // A deterministic start on a spiral stretched to the window, so the same file draws
    // the same picture and the layout fills the space.
    var a = i * 2.399963;
    var r = radius * Math.sqrt((i + 0.5) / (count + 1));
    elements.push({
      group: 'nodes',
      data: {id: n.id, label: n.label, name: n.name, color: colorOf(n.label),
        shape: (styleOf[n.label] || {}).shape || 'ellipse'},
      position: {x: r * Math.cos(a) * Math.sqrt(aspect), y: r * Math.sin(a) / Math.sqrt(aspect)}
    });
  });
  data.edges.forEach(function (e) {
    elements.push({group: 'edges', data: {id: e.id, source: e.source, target: e.target, type: e.type}});
  });

  var cy = cytoscape({
    container: document.getElementById('cy'),
    elements: elements,
    layout: {name: 'preset'},
    minZoom: 0.05,
    maxZoom: 5,
    boxSelectionEnabled: false,
    style: [
      {selector: 'node', style: {
        'background-color': 'data(color)', 'shape': 'data(shape)',
        'width': 'data(size)', 'height': 'data(size)',
        'label': 'data(name)', 'font-size': 'data(font)', 'color': '#1f2328',
        'text-valign': 'bottom', 'text-margin-y': 3,
        'text-outline-color': '#ffffff', 'text-outline-width': 2,
        'text-wrap': 'ellipsis', 'text-max-width': 160, 'min-zoomed-font-size': 10.5,
        'border-width': 1, 'border-color': '#ffffff'
      }},
      {selector: 'edge', style: {
        'width': 1.3, 'line-color': '#b6c0ca', 'curve-style': 'bezier',
        'target-arrow-shape': 'triangle', 'target-arrow-color': '#b6c0ca', 'arrow-scale': 0.8,
        'label': 'data(type)', 'font-size': 8, 'color': '#6e7781',
        'text-rotation': 'autorotate', 'text-outline-color': '#ffffff', 'text-outline-width': 1.5,
        'min-zoomed-font-size': 6
      }},
      {selector: '.faded', style: {'opacity': 0.12, 'text-opacity': 0.2}},
      {selector: '.hidden', style: {'display': 'none'}},
      {selector: 'node.hub', style: {'font-weight': 'bold', 'text-max-width': 'data(labelWidth)', 'min-zoomed-font-size': 0, 'z-index': 10}},
      {selector: 'node.match', style: {'border-width': 4, 'border-color': '#0969da'}},
      {selector: 'edge.near', style: {'line-color': '#57606a', 'target-arrow-color': '#57606a', 'color': '#1f2328', 'width': 2}},
      {selector: 'node:selected', style: {'border-width': 5, 'border-color': '#1f2328'}},
      {selector: 'edge:selected', style: {'line-color': '#0969da', 'target-arrow-color': '#0969da', 'color': '#0969da', 'width': 3}}
    ]
  });
  // Size and label size grow with degree, so the hubs stay readable when the whole graph
  // is in view and the rest of the labels appear as one zooms in.
  cy.nodes().forEach(function (n) {
    var d = n.degree();
    n.data('size', 16 + 5 * Math.sqrt(d));
    n.data('font', Math.min(24, 11 + 2.2 * Math.sqrt(d)));
  });

  // cose's result is stretched to a box of the window's shape, with room for each node.
  var w = Math.max(cy.width(), 200), h = Math.max(cy.height(), 200);
  var k = Math.max(1, Math.sqrt(count * 9000 / (w * h)));
  var layout = count <= 1500
    ? {name: 'cose', animate: false, randomize: false, fit: false, nodeDimensionsIncludeLabels: true,
      boundingBox: {x1: 0, y1: 0, w: w * k, h: h * k},
      idealEdgeLength: function () { return 70; }, nodeRepulsion: function () { return 9000; },
      nodeOverlap: 12, gravity: 0.6, componentSpacing: 60, numIter: count > 500 ? 500 : 1200}
    : {name: 'concentric', animate: false, fit: false, minNodeSpacing: 6,
      concentric: function (n) { return n.degree(); }, levelWidth: function () { return 4; }};
  cy.layout(layout).run();
  cy.fit(undefined, 40);

  // The best connected people, organizations and events keep a readable label of a
  // bounded width at any zoom, so the whole graph in view still says who is in it.
  var hubs = cy.collection();
  [['Person', 12], ['Organization', 6], ['Event', 6]].forEach(function (pick) {
    hubs = hubs.union(cy.nodes().filter(function (n) { return n.data('label') === pick[0] && n.degree() > 1; })
      .sort(function (a, b) { return b.degree() - a.degree(); }).slice(0, pick[1]));
  });
  hubs.addClass('hub');
  function scaleHubLabels() {
    var z = cy.zoom();
    cy.batch(function () {
      hubs.forEach(function (n) {
        var base = Math.min(24, 11 + 2.2 * Math.sqrt(n.degree()));
        n.data('font', Math.max(base, 13 / z));
        n.data('labelWidth', Math.max(160, 260 / z)); // at most 260 pixels on the screen
      });
    });
  }
  scaleHubLabels();
  cy.on('zoom', scaleHubLabels);

  // --- the details panel -------------------------------------------------------------

  var details = document.getElementById('details');

  function nodeLink(id) {
    var n = byID[id];
    var a = el('a', {className: 'node-link', href: '#', title: n.key}, n.name);
    a.addEventListener('click', function (ev) { ev.preventDefault(); focusNode(id); });
    return a;
  }

  function value(v) {
    if (Array.isArray(v)) {
      if (v.length === 0) { return el('span', {className: 'hint'}, '(none)'); }
      var ul = el('ul');
      v.forEach(function (x) { ul.appendChild(el('li', null, String(x))); });
      return ul;
    }
    return document.createTextNode(String(v));
  }

  function propsTable(props, skip) {
    var t = el('table', {className: 'props'});
    Object.keys(props).sort().forEach(function (k) {
      if (skip && skip.indexOf(k) >= 0) { return; }
      t.appendChild(el('tr', null, el('th', null, k), el('td', null, value(props[k]))));
    });
    return t;
  }

  // evidenceList shows each sentence with the title (and date) of the article it came from.
  function evidenceList(props) {
    var ev = props.evidence || [];
    var src = props.sources || [];
    if (ev.length === 0) { return null; }
    var ul = el('ul', {className: 'evidence'});
    ev.forEach(function (sentence, i) {
      var art = byKey[src[i]];
      var where = el('div', {className: 'article'});
      if (art) {
        var title = art.props.title || art.key;
        if (art.props.date) { title += ' · ' + art.props.date; }
        var a = el('a', {className: 'node-link', href: '#', title: art.key}, '《' + title + '》');
        a.addEventListener('click', function (e) { e.preventDefault(); focusNode(art.id); });
        where.appendChild(a);
      } else if (src[i]) {
        where.textContent = src[i];
      }
      ul.appendChild(el('li', null, el('div', {className: 'sentence'}, sentence), where));
    });
    return ul;
  }

  function relMeta(props) {
    var parts = [];
    Object.keys(props).sort().forEach(function (k) {
      if (k === 'evidence' || k === 'sources') { return; }
      var v = props[k];
      parts.push(k + ': ' + (Array.isArray(v) ? v.join(', ') : String(v)));
    });
    return parts.length ? el('div', {className: 'meta'}, parts.join(' · ')) : null;
  }

  function showNode(id) {
    var n = byID[id];
    var props = {key: n.key};
    Object.keys(n.props).forEach(function (k) { props[k] = n.props[k]; });
    details.replaceChildren(
      chip(n.label),
      el('h2', null, n.name),
      propsTable(props)
    );
    var rels = cy.getElementById(id).connectedEdges();
    details.appendChild(el('h3', null, 'Relationships (' + rels.length + ')'));
    rels.forEach(function (edge) {
      var e = edgeByID[edge.id()];
      var out = e.source === id;
      var other = out ? e.target : e.source;
      var head = el('div', {className: 'head'},
        el('span', null, out ? '→' : '←'), el('span', {className: 'type'}, e.type),
        chip(byID[other].label), nodeLink(other));
      var box = el('div', {className: 'rel'}, head, relMeta(e.props), evidenceList(e.props));
      box.dataset.edge = e.id;
      details.appendChild(box);
    });
    details.scrollTop = 0;
  }

  function showEdge(id) {
    var e = edgeByID[id];
    details.replaceChildren(
      el('span', {className: 'type'}, e.type),
      el('h2', null, nodeLink(e.source), ' → ', nodeLink(e.target)),
      propsTable(e.props, ['evidence', 'sources'])
    );
    var ev = evidenceList(e.props);
    if (ev) {
      details.appendChild(el('h3', null, 'Evidence'));
      details.appendChild(ev);
    }
    details.scrollTop = 0;
  }

  function highlight(ele) {
    cy.elements().removeClass('faded near');
    if (!ele) { return; }
    var keep = ele.isNode() ? ele.closedNeighborhood() : ele.union(ele.connectedNodes());
    cy.elements().not(keep).addClass('faded');
    keep.edges().addClass('near');
  }

  function focusNode(id) {
    var node = cy.getElementById(id);
    if (node.hasClass('hidden')) { legendToggle(byID[id].label, true); }
    cy.elements().unselect();
    node.select();
    highlight(node);
    showNode(id);
    cy.animate({center: {eles: node}, zoom: Math.max(cy.zoom(), 1.2)}, {duration: 250});
  }

  cy.on('tap', 'node', function (ev) {
    highlight(ev.target);
    showNode(ev.target.id());
  });
  cy.on('tap', 'edge', function (ev) {
    highlight(ev.target);
    showEdge(ev.target.id());
  });
  cy.on('tap', function (ev) {
    if (ev.target === cy) { highlight(null); }
  });

  // --- the legend --------------------------------------------------------------------

  var legend = document.getElementById('legend');
  var buttons = {};
  function legendToggle(label, on) {
    var b = buttons[label];
    b.classList.toggle('off', !on);
    cy.nodes().filter(function (n) { return n.data('label') === label; }).toggleClass('hidden', !on);
  }
  data.labels.forEach(function (l) {
    var n = data.nodes.filter(function (x) { return x.label === l.name; }).length;
    if (n === 0) { return; }
    var b = el('button', {type: 'button', title: 'Hide or show ' + l.name},
      el('span', {className: 'swatch', style: 'background:' + l.color}), l.name, el('span', {className: 'n'}, String(n)));
    b.addEventListener('click', function () { legendToggle(l.name, b.classList.contains('off')); });
    buttons[l.name] = b;
    legend.appendChild(b);
  });

  // --- search ------------------------------------------------------------------------

  var search = document.getElementById('search');
  var results = document.getElementById('results');
  var found = [];
  var active = 0;

  function haystack(n) {
    var parts = [n.name, n.key];
    ['aliases', 'title', 'name'].forEach(function (k) {
      var v = n.props[k];
      if (Array.isArray(v)) { parts = parts.concat(v); } else if (v) { parts.push(v); }
    });
    return parts.join('\n').toLowerCase();
  }
  var hay = data.nodes.map(haystack);

  function runSearch() {
    var q = search.value.trim().toLowerCase();
    cy.nodes().removeClass('match');
    results.replaceChildren();
    found = [];
    active = 0;
    if (!q) {
      results.hidden = true;
      highlight(null);
      return;
    }
    data.nodes.forEach(function (n, i) { if (hay[i].indexOf(q) >= 0) { found.push(n); } });
    // Exact and prefix matches of the name first, then the rest in file order.
    found.sort(function (a, b) {
      function rank(n) {
        var s = n.name.toLowerCase();
        return s === q ? 0 : s.indexOf(q) === 0 ? 1 : 2;
      }
      return rank(a) - rank(b);
    });
    var matched = cy.collection();
    found.forEach(function (n) { matched = matched.union(cy.getElementById(n.id)); });
    cy.elements().removeClass('near').addClass('faded');
    matched.removeClass('faded').addClass('match');
    if (found.length === 0) {
      results.appendChild(el('li', {className: 'none'}, 'No node matches'));
    }
    found.slice(0, 30).forEach(function (n, i) {
      var li = el('li', null, el('span', {className: 'swatch', style: 'background:' + colorOf(n.label)}), n.name);
      li.dataset.id = n.id;
      if (i === active) { li.classList.add('active'); }
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); pick(n.id); });
      results.appendChild(li);
    });
    if (found.length > 30) {
      results.appendChild(el('li', {className: 'none'}, '… ' + (found.length - 30) + ' more'));
    }
    results.hidden = false;
  }

  function pick(id) {
    results.hidden = true;
    cy.nodes().removeClass('match');
    focusNode(id);
  }

  function moveActive(d) {
    var items = results.querySelectorAll('li[data-id]');
    if (items.length === 0) { return; }
    items[active].classList.remove('active');
    active = (active + d + items.length) % items.length;
    items[active].classList.add('active');
    items[active].scrollIntoView({block: 'nearest'});
  }

  search.addEventListener('input', runSearch);
  search.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown') { ev.preventDefault(); moveActive(1); }
    if (ev.key === 'ArrowUp') { ev.preventDefault(); moveActive(-1); }
    if (ev.key === 'Enter' && found.length > 0) { ev.preventDefault(); pick(found[active].id); }
    if (ev.key === 'Escape') { search.value = ''; runSearch(); search.blur(); }
  });
  search.addEventListener('blur', function () { results.hidden = true; });
  search.addEventListener('focus', function () { if (search.value.trim()) { runSearch(); } });

  // For scripts and tests: the cytoscape instance and a way to select a node.
  window.newsgraph = {cy: cy, data: data, focusNode: focusNode};
  document.body.dataset.ready = 'true';
})();
