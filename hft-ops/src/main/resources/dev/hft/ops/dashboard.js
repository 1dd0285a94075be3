// hft dashboard: renders the session view from /api/status, then follows /events (server-sent events).
(function () {
  'use strict';
  var chart = echarts.init(document.getElementById('equity-chart'));
  chart.setOption({
    animation: false, grid: { left: 60, right: 16, top: 16, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time' }, yAxis: { type: 'value', scale: true },
    series: [{ name: 'equity', type: 'line', showSymbol: false, data: [] }]
  });
  window.hftUpdates = 0;

  function $(id) { return document.getElementById(id); }
  function fmt(x, d) { return (x === null || x === undefined || isNaN(x)) ? '' : Number(x).toFixed(d === undefined ? 2 : d); }
  function time(ms) { return ms ? new Date(ms).toISOString().replace('T', ' ').substring(0, 19) : ''; }
  function cell(tr, text) { var td = document.createElement('td'); td.textContent = text; tr.appendChild(td); }
  function rows(id, items, cols) {
    var body = $(id);
    body.textContent = '';
    items.forEach(function (it) {
      var tr = document.createElement('tr');
      cols(it).forEach(function (c) { cell(tr, c); });
      body.appendChild(tr);
    });
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
    rows('positions', s.positions, function (p) {
      return [p.symbol, fmt(p.quantity, 6), p.quantity ? fmt(p.avgEntry) : '', fmt(p.lastPrice),
              p.quantity ? fmt(p.unrealized) : '', p.frozen ? 'FROZEN' : 'ok'];
    });
    rows('orders', s.orders, function (o) {
      return [o.id, o.symbol, o.side, o.type, fmt(o.quantity, 6), o.price ? fmt(o.price) : '',
              o.trigger ? fmt(o.trigger) : '', o.reason];
    });
    rows('events', s.events.slice().reverse(), function (e) {
      return [time(e.timeMs), e.kind, e.symbol, e.reason, e.detail];
    });
    rows('alerts', s.alerts.slice().reverse(), function (a) {
      return [time(a.timeMs), a.severity, a.kind, a.message];
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
         function (r) { return r; });
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
  ['kill', 'pause', 'resume', 'release'].forEach(function (a) {
    $('btn-' + a).addEventListener('click', function () { control(a); });
  });

  fetch('api/status').then(function (r) { return r.json(); }).then(function (s) { if (s) { render(s); } });
  var source = new EventSource('events');
  source.addEventListener('state', function (e) { render(JSON.parse(e.data)); });
  source.onopen = function () { $('conn').textContent = 'live'; };
  source.onerror = function () { $('conn').textContent = 'reconnecting'; };
  window.addEventListener('resize', function () { chart.resize(); });
})();
