// hft dashboard: renders the session view from /api/status, then follows /events (server-sent events).
(function () {
  'use strict';
  function $(id) { return document.getElementById(id); }
  var chart = echarts.init($('equity-chart'));
  chart.setOption({
    animation: false, grid: { left: 60, right: 16, top: 16, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time' }, yAxis: { type: 'value', scale: true },
    series: [{ name: 'equity', type: 'line', showSymbol: false, data: [] }]
  });
  // the selected symbol's recent closes with the session's fills on them: buys green triangles, sells red
  var price = echarts.init($('price-chart'));
  price.setOption({
    animation: false, grid: { left: 70, right: 16, top: 30, bottom: 28 }, legend: { top: 0 },
    tooltip: { trigger: 'item', formatter: function (it) {
      return it.seriesName + '<br>' + time(it.value[0]) + '<br>' + it.value[1] + (it.value[2] ? '<br>' + it.value[2] : ''); } },
    xAxis: { type: 'time' }, yAxis: { type: 'value', scale: true },
    series: [{ name: 'close', type: 'line', showSymbol: false, data: [], lineStyle: { width: 1, color: '#5b6b8c' } },
             { name: 'buy fill', type: 'scatter', symbol: 'triangle', symbolSize: 10, data: [], itemStyle: { color: '#2e7d32' } },
             { name: 'sell fill', type: 'scatter', symbol: 'path://M0,0 L10,0 L5,10 Z', symbolSize: 10, data: [], itemStyle: { color: '#c62828' } }]
  });
  window.hftUpdates = 0;

  function fmt(x, d) { return (x === null || x === undefined || isNaN(x)) ? '' : Number(x).toFixed(d === undefined ? 2 : d); }
  function time(ms) { return ms ? new Date(ms).toISOString().replace('T', ' ').substring(0, 19) : ''; }
  // cols(item) gives each cell's text, or [text, class] for a cell with a class (num, wrap, pnl)
  function rows(id, items, cols, rowClass) {
    var body = $(id);
    body.textContent = '';
    items.forEach(function (it) {
      var tr = document.createElement('tr');
      if (rowClass) { tr.className = rowClass(it); }
      cols(it).forEach(function (c) {
        var td = document.createElement('td');
        if (Array.isArray(c)) { td.textContent = c[0]; td.className = c[1]; } else { td.textContent = c; }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function renderPrice(s) {
    var sel = $('price-symbol');
    if (sel.options.length !== s.symbols.length) {
      sel.textContent = '';
      s.symbols.forEach(function (sym) { var o = document.createElement('option'); o.textContent = sym; sel.appendChild(o); });
    }
    var sym = sel.value || s.symbols[0];
    var px = (s.prices || []).filter(function (p) { return p.symbol === sym; })[0];
    var from = px && px.points.length ? px.points[0][0] : 0;
    var mine = (s.fills || []).filter(function (f) { return f.symbol === sym && f.timeMs >= from; });
    price.setOption({ series: [
      { data: px ? px.points : [] },
      { data: mine.filter(function (f) { return f.side === 'BUY'; }).map(function (f) { return [f.timeMs, f.price, f.reason + ' ' + f.quantity]; }) },
      { data: mine.filter(function (f) { return f.side === 'SELL'; }).map(function (f) { return [f.timeMs, f.price, f.reason + ' ' + f.quantity]; }) }
    ] });
  }

  function render(s) {
    window.hftState = s;
    window.hftUpdates++;
    $('mode').textContent = s.mode;
    $('session').textContent = s.session + ' · ' + s.strategy + ' · ' + s.symbols.join(', ');
    $('risk').textContent = s.risk;
    $('risk').className = 'badge ' + s.risk;
    $('risk-reason').textContent = s.riskReason;
    $('killswitch').textContent = s.killSwitch ? 'KILL SWITCH ENGAGED' : '';
    $('killswitch').className = s.killSwitch ? 'warn' : '';
    $('paused').textContent = s.paused ? 'PAUSED' : '';
    $('paused').className = s.paused ? 'warn' : '';
    $('ready').textContent = s.ready ? 'yes' : 'no';
    $('stream').textContent = s.streamUp ? 'up' : 'down';
    $('bars').textContent = s.bars;
    $('equity').textContent = fmt(s.equity);
    $('drawdown').textContent = fmt(s.drawdownPct) + '%';
    $('updated').textContent = time(s.updatedMs);
    chart.setOption({ series: [{ data: s.equityCurve }] });
    renderPrice(s);
    rows('positions', s.positions, function (p) {
      return [p.symbol, [fmt(p.quantity, 6), 'num'], [p.quantity ? fmt(p.avgEntry) : '', 'num'], [fmt(p.lastPrice), 'num'],
              [p.quantity ? fmt(p.unrealized) : '', 'num'], p.frozen ? 'FROZEN' : 'ok'];
    });
    rows('orders', s.orders, function (o) {
      return [[o.id, 'wrap'], o.symbol, o.side, o.type, [fmt(o.quantity, 6), 'num'], [o.price ? fmt(o.price) : '', 'num'],
              [o.trigger ? fmt(o.trigger) : '', 'num'], [o.reason, 'wrap']];
    });
    var ts = s.tradeStats || { trades: 0, winRatePct: 0, realizedPnl: 0 };
    $('trade-stats').textContent = ts.trades + ' trades since start · win rate ' + fmt(ts.winRatePct, 1) + '% · realized P&L '
      + fmt(ts.realizedPnl);
    rows('trades', (s.trades || []).slice().reverse(), function (t) {
      return [t.symbol, t.side, time(t.entryMs), [fmt(t.entryPrice), 'num'], time(t.exitMs), [fmt(t.exitPrice), 'num'],
              [fmt(t.quantity, 6), 'num'], [fmt(t.pnl), 'num pnl'], [t.exitReason, 'wrap']];
    }, function (t) { return t.pnl > 0 ? 'win' : 'loss'; });
    rows('events', s.events.slice().reverse(), function (e) {
      return [time(e.timeMs), e.kind, e.symbol, [e.reason, 'wrap'], [e.detail, 'wrap']];
    });
    rows('alerts', s.alerts.slice().reverse(), function (a) {
      return [time(a.timeMs), a.severity, [a.kind, 'wrap'], [a.message, 'wrap']];
    });
    var t = s.tca;
    $('tca').innerHTML = '';
    [['filled orders', t.orders], ['estimated (bps)', fmt(t.estimatedBps)], ['shortfall (bps)', fmt(t.shortfallBps)],
     ['delay', fmt(t.delayBps)], ['spread', fmt(t.spreadBps)], ['slippage', fmt(t.slippageBps)],
     ['fee', fmt(t.feeBps)]].forEach(function (kv) {
      var span = document.createElement('span');
      span.textContent = kv[0] + ': ' + kv[1];
      $('tca').appendChild(span);
    });
    rows('reasons', Object.keys(s.reasons).map(function (k) { return [k, s.reasons[k]]; }),
         function (r) { return [[r[0], 'wrap'], [r[1], 'num']]; });
    $('readonly').hidden = s.controls;
    ['token', 'btn-kill', 'btn-pause', 'btn-resume', 'btn-release'].forEach(function (id) {
      $(id).disabled = !s.controls;
    });
  }

  function control(action) {
    var token = $('token').value;
    var headers = {};
    if (token) { headers.Authorization = 'Bearer ' + token; }
    $('control-result').textContent = action + '...';
    return fetch('api/control/' + action, { method: 'POST', headers: headers })
      .then(function (r) { return r.json().then(function (b) { return { status: r.status, body: b }; }); })
      .then(function (r) {
        if (r.status === 200) {
          $('control-result').textContent = action + ': done';
          render(r.body.state);
        } else {
          $('control-result').textContent = action + ' refused (' + r.status + '): ' + r.body.error;
        }
      })
      .catch(function (e) { $('control-result').textContent = action + ' failed: ' + e; });
  }
  // actions that stop or restart trading ask first; the question says what will happen
  var ask = {
    kill: 'Engage the kill switch: cancel every order, flatten every position and halt until released?',
    pause: 'Pause new entries (exits, stops and take-profits go on)?',
    release: 'Release the halt and let the strategy trade again?'
  };
  var pending = null;
  function confirmStep(action) {
    if (!ask[action]) { control(action); return; }
    pending = action;
    $('confirm-text').textContent = ask[action] + ' ';
    $('confirm').hidden = false;
    $('control-result').textContent = '';
  }
  $('btn-confirm').addEventListener('click', function () {
    var a = pending;
    pending = null;
    $('confirm').hidden = true;
    if (a) { control(a); }
  });
  $('btn-cancel').addEventListener('click', function () {
    pending = null;
    $('confirm').hidden = true;
    $('control-result').textContent = 'canceled';
  });
  ['kill', 'pause', 'resume', 'release'].forEach(function (a) {
    $('btn-' + a).addEventListener('click', function () { confirmStep(a); });
  });
  $('price-symbol').addEventListener('change', function () { if (window.hftState) { renderPrice(window.hftState); } });

  fetch('api/status').then(function (r) { return r.json(); }).then(function (s) { if (s) { render(s); } });
  var source = new EventSource('events');
  source.addEventListener('state', function (e) { render(JSON.parse(e.data)); });
  source.onopen = function () { $('conn').textContent = 'live'; };
  source.onerror = function () { $('conn').textContent = 'reconnecting'; };
  window.addEventListener('resize', function () { chart.resize(); price.resize(); });
})();
