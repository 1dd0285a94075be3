// Builds the report from the JSON in #report-data with Apache ECharts. Sections appear only when their data is
// present. window.hftReport lists the charts so tests (and users in the console) can inspect them.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var main = document.getElementById('main');
  var charts = [];
  window.hftReport = { data: data, charts: charts };
  document.getElementById('title').textContent = data.title || 'hft report';
  document.getElementById('subtitle').textContent = data.subtitle || '';

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  var container = main; // where the next section goes: the page, or a collapsed block of it
  function section(title) {
    var s = el('section');
    s.appendChild(el('h2', null, title));
    container.appendChild(s);
    return s;
  }
  // the sections drawn by fill() inside a block that opens on a click; charts drawn closed get their size on opening
  function collapsed(title, fill) {
    var details = el('details', 'run');
    details.appendChild(el('summary', null, title));
    main.appendChild(details);
    var first = charts.length;
    container = details;
    try { fill(); } finally { container = main; }
    var mine = charts.slice(first);
    details.addEventListener('toggle', function () { mine.forEach(function (c) { c.chart.resize(); }); });
  }
  function chart(parent, name, option, small) {
    var div = el('div', small ? 'chart small' : 'chart');
    div.setAttribute('data-chart', name);
    parent.appendChild(div);
    var c = echarts.init(div, null, { renderer: 'canvas' });
    option.animation = false;
    c.setOption(option);
    charts.push({ name: name, chart: c });
    return c;
  }
  // Numbers for people: money and percentages with two decimals, counts whole, ratios with up to three, all with
  // thousands separators. The JSON in #report-data keeps full precision.
  var TWO = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  var RATIO = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 3 });
  function show(v, hint) {
    if (v === null || v === undefined) { return 'n/a'; }
    if (typeof v !== 'number') { return String(v); }
    if (!isFinite(v)) { return 'n/a'; }
    if (/%|p&l|capital|fee|equity|return|bps|notional/i.test(hint)) { return TWO.format(v); }
    if (/^(#|trades|bars|days|test trades|orders)$/i.test(hint) || /trades|orders|count/i.test(hint)
        && Number.isInteger(v)) { return WHOLE.format(v); }
    return Number.isInteger(v) ? WHOLE.format(v) : RATIO.format(v);
  }
  // a camelCase key in words: avgShortfallVsArrivalBps -> Mean shortfall vs arrival (bps)
  function words(k) {
    var w = String(k).replace(/Bps$/, ' (bps)').replace(/Pct$/, ' %').replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([a-z])([0-9])/g, '$1 $2')
      .toLowerCase().replace(/^avg /, 'mean ');
    return w.charAt(0).toUpperCase() + w.slice(1);
  }
  function table(parent, header, rows) {
    var t = el('table');
    if (header) {
      var tr = el('tr');
      header.forEach(function (h) { tr.appendChild(el('th', null, h)); });
      t.appendChild(tr);
    }
    rows.forEach(function (r) {
      var tr = el('tr');
      r.forEach(function (v, i) {
        // a figure's unit is in its column's header, or in its row's label where the column is just 'Value'
        var hint = (header && !/^(value|in-sample|out-of-sample)$/i.test(header[i])) ? header[i] : String(r[0]);
        tr.appendChild(el('td', typeof v === 'number' ? 'num' : null, i === 0 && typeof v !== 'number' ? String(v)
          : show(v, hint)));
      });
      t.appendChild(tr);
    });
    parent.appendChild(t);
  }
  var timeAxis = { type: 'time', axisLabel: { hideOverlap: true } };
  var tooltip = { trigger: 'axis' };
  var zoom = [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 4 }];

  function verdict(d) {
    if (!d.verdict) { return; }
    var s = section('Verdict');
    s.appendChild(el('div', 'verdict ' + (d.significant ? 'good' : 'bad'), d.verdict));
    if (d.significance) { table(s, ['Statistic', 'Value'], d.significance); }
  }

  function run(d, p, label) {
    var sfx = label ? ' (' + label + ')' : '';
    if (d[p + 'summary']) { table(section('Key figures' + sfx), ['Figure', 'Value'], d[p + 'summary']); }
    if (d[p + 'benchmark']) { table(section('Against buy and hold (equal weight, no fees)' + sfx), ['Figure', 'Value'], d[p + 'benchmark']); }
    if (d[p + 'tearsheet']) { table(section('Tearsheet' + sfx), ['Figure', 'Value'], d[p + 'tearsheet']); }
    if (d[p + 'worstDrawdowns'] && d[p + 'worstDrawdowns'].length) {
      table(section('Worst drawdowns' + sfx), ['Depth %', 'Peak', 'Trough', 'Recovered', 'Days'],
        d[p + 'worstDrawdowns'].map(function (w) { return [w.depthPct, w.peak, w.trough, w.recovered || 'not yet', w.days]; }));
    }
    var eq = d[p + 'equity'];
    if (eq && eq.t.length) {
      var s = section('Equity and drawdown' + sfx);
      chart(s, p + 'equity', {
        tooltip: tooltip, xAxis: timeAxis, yAxis: { type: 'value', scale: true, name: 'equity' }, dataZoom: zoom,
        legend: { top: 0 },
        series: [{ name: 'equity', type: 'line', showSymbol: false, data: eq.t.map(function (t, i) { return [t, eq.equity[i]]; }) }]
          .concat(d[p + 'benchmarkEquity'] ? [{ name: 'buy and hold', type: 'line', showSymbol: false,
            lineStyle: { type: 'dashed', color: '#999' }, data: eq.t.map(function (t, i) { return [t, d[p + 'benchmarkEquity'][i]]; }) }] : [])
      });
      chart(s, p + 'drawdown', {
        tooltip: tooltip, xAxis: timeAxis, yAxis: { type: 'value', name: 'drawdown %' },
        series: [{ name: 'drawdown %', type: 'line', showSymbol: false, areaStyle: { color: '#f3b5ae' }, lineStyle: { color: '#c0392b' },
          data: eq.t.map(function (t, i) { return [t, eq.drawdownPct[i]]; }) }]
      }, true);
    }
    (d[p + 'prices'] || []).forEach(function (px) {
      priceChart(section('Price with entries and exits: ' + px.symbol + sfx), px, p + 'price-' + px.symbol);
    });
    var tl = d[p + 'tradeList'];
    if (tl && tl.length) { tradeList(section('Trades' + sfx), tl, p); }
    var grid = el('div', 'grid2');
    var m = d[p + 'monthly'];
    if (m && m.length) {
      var sm = el('div');
      sm.appendChild(el('h2', null, 'Monthly returns %' + sfx));
      grid.appendChild(sm);
      // a year-by-month heatmap: a row per year, a column per month, green up and red down
      var years = [];
      m.forEach(function (r) { var y = r[0].slice(0, 4); if (years.indexOf(y) < 0) { years.push(y); } });
      var months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
      var cells = m.map(function (r) { return [parseInt(r[0].slice(5, 7), 10) - 1, years.indexOf(r[0].slice(0, 4)), r[1]]; });
      var extent = Math.max.apply(null, m.map(function (r) { return Math.abs(r[1]); }).concat([0.01]));
      chart(sm, p + 'monthly', {
        tooltip: { position: 'top', formatter: function (it) { return months[it.value[0]] + ' ' + years[it.value[1]] + ': ' + TWO.format(it.value[2]) + '%'; } },
        grid: { top: 10, bottom: 50 }, xAxis: { type: 'category', data: months, splitArea: { show: true } },
        yAxis: { type: 'category', data: years, splitArea: { show: true } },
        visualMap: { min: -extent, max: extent, calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
          inRange: { color: ['#c0392b', '#f7f7f7', '#1e9e5a'] } },
        series: [{ type: 'heatmap', name: 'return %', data: cells,
          label: { show: true, formatter: function (it) { return TWO.format(it.value[2]); } } }]
      }, true);
    }
    histogram(grid, d[p + 'pnlHistogram'], 'Trade return distribution (% of notional)' + sfx, p + 'pnl-histogram',
      'trades');
    histogram(grid, d[p + 'dailyHistogram'], 'Daily return distribution (%)' + sfx, p + 'daily-histogram', 'days');
    if (grid.childNodes.length) { var sg = section('Returns' + sfx); sg.appendChild(grid); }
    var ro = d[p + 'rolling'];
    if (ro && ro.t.length) {
      var sro = section('Rolling ' + ro.windowDays + '-day Sharpe and volatility' + sfx);
      chart(sro, p + 'rolling', {
        tooltip: tooltip, legend: { top: 0 }, xAxis: timeAxis,
        yAxis: [{ type: 'value', name: 'Sharpe (annualised)' }, { type: 'value', name: 'volatility %' }],
        series: [
          { name: 'Sharpe', type: 'line', showSymbol: false, data: ro.t.map(function (t, i) { return [t, ro.sharpe[i]]; }) },
          { name: 'volatility %', type: 'line', yAxisIndex: 1, showSymbol: false,
            data: ro.t.map(function (t, i) { return [t, ro.volatilityPct[i]]; }) }
        ]
      }, true);
    }
    var rs = d[p + 'reasons'];
    if (rs && rs.length) {
      var sr = section('Performance by reason' + sfx);
      chart(sr, p + 'reasons', {
        tooltip: tooltip, grid: { left: 260 }, xAxis: { type: 'value', name: 'net P&L' },
        yAxis: { type: 'category', data: rs.map(function (r) { return r.kind + ' ' + r.reason; }) },
        series: [{ type: 'bar', name: 'net P&L', data: rs.map(function (r) { return { value: r.pnl, itemStyle: { color: r.pnl >= 0 ? '#1e9e5a' : '#c0392b' } }; }) }]
      }, true);
      table(sr, ['Kind', 'Reason', 'Trades', 'Win rate %', 'Net P&L'], rs.map(function (r) { return [r.kind, r.reason, r.trades, r.winRatePct, r.pnl]; }));
    }
    var ps = d[p + 'perSymbol'];
    if (ps && Object.keys(ps).length > 1) {
      var sp = section('Per symbol' + sfx);
      var syms = Object.keys(ps);
      chart(sp, p + 'per-symbol', {
        tooltip: tooltip, xAxis: { type: 'category', data: syms }, yAxis: { type: 'value', name: 'net P&L' },
        series: [{ type: 'bar', name: 'net P&L', data: syms.map(function (k) { return ps[k].pnl; }) }]
      }, true);
      table(sp, ['Symbol', 'Trades', 'Win rate %', 'Net P&L', 'Profit factor'], syms.map(function (k) { var v = ps[k]; return [k, v.trades, v.winRatePct, v.pnl, v.profitFactor]; }));
    }
    var rg = d[p + 'regimes'];
    if (rg && Object.keys(rg).length) {
      var sx = section('By market regime' + sfx);
      var names = Object.keys(rg);
      chart(sx, p + 'regimes', {
        tooltip: tooltip, legend: { top: 0 }, xAxis: { type: 'category', data: names },
        yAxis: [{ type: 'value', name: 'net P&L' }, { type: 'value', name: 'win rate %', max: 100 }],
        series: [
          { type: 'bar', name: 'net P&L', data: names.map(function (k) { return rg[k].pnl; }) },
          { type: 'line', name: 'win rate %', yAxisIndex: 1, data: names.map(function (k) { return rg[k].winRatePct; }) }
        ]
      }, true);
      table(sx, ['Regime', 'Bars %', 'Trades', 'Win rate %', 'Net P&L', 'Mean return %'], names.map(function (k) { var v = rg[k]; return [k, v.barsPct, v.trades, v.winRatePct, v.pnl, v.avgReturnPct]; }));
    }
    var tca = d[p + 'tca'];
    if (tca) {
      var st = section('Transaction costs (TCA)' + sfx);
      var keys = Object.keys(tca).filter(function (k) { return /Bps$/.test(k); });
      if (keys.length) {
        chart(st, p + 'tca', {
          tooltip: tooltip, grid: { left: 240 }, xAxis: { type: 'value', name: 'bps' },
          yAxis: { type: 'category', data: keys.map(words) },
          series: [{ type: 'bar', name: 'mean bps', data: keys.map(function (k) { return tca[k]; }) }]
        }, true);
      }
      table(st, ['Figure', 'Value'], Object.keys(tca).map(function (k) { return [words(k), tca[k]]; }));
    }
  }

  // Candles at any zoom: the finest level that shows at most MAX_CANDLES candles in the visible span (every bar
  // near the trades, where the page has them), redrawn on every zoom; the strategy's lines at the same level;
  // long and short entries, winning and losing exits, and each trade's stop and take-profit as steps.
  var MAX_CANDLES = 1500;
  var LINE_COLORS = ['#e67e22', '#8e44ad', '#16a085', '#2980b9', '#7f8c8d', '#d35400', '#27ae60', '#c0392b'];
  function priceChart(s, px, name) {
    if (!px.levels.length) { return; }
    var coarse = px.levels[px.levels.length - 1];
    var first = px.levels[0];
    var lo = first.t0, hi = coarse.t0 + coarse.ms * coarse.n;
    var scale = Math.pow(10, px.decimals);
    function price(ticks) { return Math.round(ticks * px.tick * scale) / scale; }
    // undo the page's delta encoding of a level (PriceChart.level), once per level
    function decode(lv) {
      if (lv.d) { return lv.d; }
      var d = { o: [], h: [], l: [], c: [], lines: {} }, close = 0;
      for (var k = 0; k < lv.n; k++) {
        if (lv.c[k] === null) { d.o.push(null); d.h.push(null); d.l.push(null); d.c.push(null); continue; }
        close += lv.c[k];
        d.c.push(price(close)); d.o.push(price(close + lv.o[k])); d.h.push(price(close + lv.h[k])); d.l.push(price(close + lv.l[k]));
      }
      px.lineNames.forEach(function (n) {
        var src = lv.lines[n] || [], out = [], v = 0;
        for (var k = 0; k < lv.n; k++) {
          if (src[k] === null || src[k] === undefined) { out.push(null); } else { v += src[k]; out.push(price(v)); }
        }
        d.lines[n] = out;
      });
      lv.d = d;
      return d;
    }
    function bar(lv, k) { var d = decode(lv); return d.o[k] === null ? null : [lv.t0 + k * lv.ms, d.o[k], d.c[k], d.l[k], d.h[k]]; }
    // the level to draw [from, to] with: a detail segment that covers it, else the finest whole level that fits
    function pick(from, to) {
      for (var i = 0; i < px.detail.length; i++) {
        var dv = px.detail[i], end = dv.t0 + dv.ms * dv.n;
        if (dv.t0 <= from && end >= to && (to - from) / dv.ms <= MAX_CANDLES) { return dv; }
      }
      for (var j = 0; j < px.levels.length; j++) {
        if ((to - from) / px.levels[j].ms <= MAX_CANDLES) { return px.levels[j]; }
      }
      return coarse;
    }
    function slice(lv, from, to) {
      var a = Math.max(0, Math.floor((from - lv.t0) / lv.ms) - 1), b = Math.min(lv.n, Math.ceil((to - lv.t0) / lv.ms) + 1);
      var dec = decode(lv);
      var candles = [], lines = px.lineNames.map(function () { return []; });
      for (var k = a; k < b; k++) {
        var c = bar(lv, k);
        if (c) { candles.push(c); }
        px.lineNames.forEach(function (n, i) {
          var v = dec.lines[n][k];
          lines[i].push([lv.t0 + k * lv.ms, v]);
        });
      }
      return { candles: candles, lines: lines };
    }
    var marker = function (nm, data, symbol, color, size) {
      return { name: nm, type: 'scatter', symbol: symbol, symbolSize: size, itemStyle: { color: color }, data: data, z: 5 };
    };
    var shown = pick(lo, hi);
    var view = slice(shown, lo, hi);
    var c = chart(s, name, {
      tooltip: { trigger: 'item', formatter: function (it) {
        var v = it.value;
        if (it.seriesType === 'candlestick') { return new Date(v[0]).toISOString() + '<br>open ' + v[1] + ' close ' + v[2] + '<br>low ' + v[3] + ' high ' + v[4]; }
        return it.seriesName + '<br>' + new Date(v[0]).toISOString() + '<br>' + v[1] + (v[2] ? '<br>' + v[2] : ''); } },
      legend: { top: 0, type: 'scroll' }, xAxis: { type: 'time', min: lo, max: hi, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', scale: true }, dataZoom: zoom,
      series: [{ id: 'candles', name: 'price', type: 'candlestick', data: view.candles, encode: { x: 0, y: [1, 2, 3, 4] },
                 itemStyle: { color: '#1e9e5a', color0: '#c0392b', borderColor: '#1e9e5a', borderColor0: '#c0392b' } }]
        .concat(px.lineNames.map(function (n, i) {
          return { id: 'line-' + i, name: n, type: 'line', showSymbol: false, data: view.lines[i], connectNulls: false,
            lineStyle: { width: 1, color: LINE_COLORS[i % LINE_COLORS.length] }, itemStyle: { color: LINE_COLORS[i % LINE_COLORS.length] } };
        }))
        .concat([
          { name: 'stop', type: 'line', step: 'end', showSymbol: false, data: px.stops, connectNulls: false, lineStyle: { type: 'dashed', color: '#c0392b', width: 1 }, itemStyle: { color: '#c0392b' } },
          { name: 'take-profit', type: 'line', step: 'end', showSymbol: false, data: px.targets, connectNulls: false, lineStyle: { type: 'dashed', color: '#1e9e5a', width: 1 }, itemStyle: { color: '#1e9e5a' } },
          marker('long entry', px.longEntries, 'triangle', '#1e9e5a', 10),
          marker('short entry', px.shortEntries, 'path://M0,0 L10,0 L5,10 Z', '#c0392b', 10),
          marker('winning exit', px.winningExits, 'circle', '#1e9e5a', 8),
          marker('losing exit', px.losingExits, 'rect', '#c0392b', 8)
        ])
    });
    function redraw() {
      var dz = c.getOption().dataZoom[0];
      var from = dz.startValue !== undefined ? dz.startValue : lo + (hi - lo) * dz.start / 100;
      var to = dz.endValue !== undefined ? dz.endValue : lo + (hi - lo) * dz.end / 100;
      var lv = pick(from, to);
      var v = slice(lv, from, to);
      shown = lv;
      c.setOption({ series: [{ id: 'candles', data: v.candles }].concat(v.lines.map(function (l, i) { return { id: 'line-' + i, data: l }; })) });
      c.getDom().setAttribute('data-level-ms', String(lv.ms));
      c.getDom().setAttribute('data-candles', String(v.candles.length));
    }
    c.on('datazoom', redraw);
    c.getDom().setAttribute('data-level-ms', String(shown.ms));
    c.getDom().setAttribute('data-candles', String(view.candles.length));
  }

  // a bar chart of a histogram ({bins, counts}) in its own cell of the grid, when it has data
  function histogram(grid, h, title, name, unit) {
    if (!h || !h.counts.length) { return; }
    var cell = el('div');
    cell.appendChild(el('h2', null, title));
    grid.appendChild(cell);
    chart(cell, name, {
      tooltip: tooltip, xAxis: { type: 'category', data: h.bins, name: '%' }, yAxis: { type: 'value', name: unit },
      series: [{ type: 'bar', name: unit, data: h.counts, itemStyle: { color: '#5b6b8c' } }]
    }, true);
  }

  // The trades, sortable by any column (click its header again to reverse) and filtered by symbol, side and
  // reason; a click on a trade zooms its symbol's price chart to it.
  function tradeList(parent, rows, p) {
    var head = ['Symbol', 'Side', 'Entry', 'Entry price', 'Exit', 'Exit price', 'Quantity', 'Net P&L', 'Return %',
      'Entry reason', 'Exit reason'];
    var filters = el('div', 'filters');
    function choice(label, values) {
      var s = el('select');
      s.setAttribute('data-filter', label);
      s.appendChild(el('option', null, 'all ' + label));
      values.forEach(function (v) { var o = el('option', null, v); o.value = v; s.appendChild(o); });
      s.options[0].value = '';
      filters.appendChild(s);
      return s;
    }
    function distinct(i) { var out = []; rows.forEach(function (r) { if (out.indexOf(r[i]) < 0) { out.push(r[i]); } }); return out.sort(); }
    var reasons = distinct(9).concat(distinct(10)).filter(function (v, i, a) { return a.indexOf(v) === i; }).sort();
    var fs = choice('symbols', distinct(0));
    var fd = choice('sides', distinct(1));
    var fr = choice('reasons', reasons);
    parent.appendChild(filters);
    var t = el('table', 'trades');
    var body = el('tbody');
    var htr = el('tr');
    var sortBy = 2;
    var ascending = true;
    head.forEach(function (h, i) {
      var th = el('th', 'sortable', h);
      th.addEventListener('click', function () { ascending = sortBy === i ? !ascending : true; sortBy = i; draw(); });
      htr.appendChild(th);
    });
    var thead = el('thead');
    thead.appendChild(htr);
    t.appendChild(thead);
    t.appendChild(body);
    parent.appendChild(t);
    function iso(ms) { return new Date(ms).toISOString().replace('T', ' ').slice(0, 16); }
    function draw() {
      var shown = rows.filter(function (r) {
        return (!fs.value || r[0] === fs.value) && (!fd.value || r[1] === fd.value)
          && (!fr.value || r[9] === fr.value || r[10] === fr.value);
      });
      shown.sort(function (a, b) {
        var x = a[sortBy];
        var y = b[sortBy];
        var c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
        return ascending ? c : -c;
      });
      body.innerHTML = '';
      shown.forEach(function (r) {
        var tr = el('tr', r[7] >= 0 ? 'win' : 'loss');
        [r[0], r[1], iso(r[2]), show(r[3], 'price'), iso(r[4]), show(r[5], 'price'), show(r[6], 'quantity'),
          show(r[7], 'P&L'), show(r[8], '%'), r[9], r[10]].forEach(function (v, i) {
          tr.appendChild(el('td', i >= 3 && i <= 8 && i !== 4 ? 'num' : null, v));
        });
        tr.addEventListener('click', function () {
          var target = charts.filter(function (c) { return c.name === p + 'price-' + r[0]; })[0];
          if (!target) { return; }
          var pad = Math.max(30 * 60000, (r[4] - r[2]) * 2);
          target.chart.dispatchAction({ type: 'dataZoom', startValue: r[2] - pad, endValue: r[4] + pad });
          target.chart.getDom().scrollIntoView({ behavior: 'smooth', block: 'center' });
        });
        body.appendChild(tr);
      });
      t.setAttribute('data-rows', String(shown.length));
    }
    [fs, fd, fr].forEach(function (s) { s.addEventListener('change', draw); });
    draw();
  }

  function heatmap(hm) {
    var s = section('Parameter heatmap: best ' + hm.objective + ' by ' + hm.x + ' and ' + hm.y);
    var vals = hm.cells.map(function (c) { return c[2]; });
    chart(s, 'heatmap', {
      tooltip: { position: 'top' }, grid: { bottom: 60 },
      xAxis: { type: 'category', data: hm.xs, name: hm.x }, yAxis: { type: 'category', data: hm.ys, name: hm.y },
      visualMap: { min: Math.min.apply(null, vals), max: Math.max.apply(null, vals), calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
        inRange: { color: ['#c0392b', '#f7f7f7', '#1e9e5a'] } },
      series: [{ type: 'heatmap', name: hm.objective, data: hm.cells, label: { show: hm.cells.length <= 100 } }]
    });
  }

  // the out-of-sample Sharpe ratio of every CPCV path, lowest first: a distribution where a holdout gives one number
  function cpcv(c) {
    var s = section('Combinatorial purged cross-validation: out-of-sample paths');
    chart(s, 'cpcv', {
      tooltip: tooltip, xAxis: { type: 'category', name: 'path', data: c.sharpes.map(function (v, i) { return i + 1; }) },
      yAxis: { type: 'value', name: 'Sharpe (annualised)' },
      series: [{ type: 'bar', name: 'Sharpe', data: c.sharpes.map(function (v) {
        return { value: v, itemStyle: { color: v >= 0 ? '#1e9e5a' : '#c0392b' } }; }) }]
    }, true);
    table(s, ['Figure', 'Value'], c.rows);
  }

  // the objective along each parameter through the chosen point (marked), the others held at their chosen values
  function stability(st) {
    var s = section('Parameter stability: ' + st.objective + ' around the chosen point');
    var grid = el('div', 'grid2');
    s.appendChild(grid);
    st.lines.forEach(function (l, i) {
      var cell = el('div');
      cell.appendChild(el('h2', null, l.param));
      grid.appendChild(cell);
      chart(cell, 'stability-' + i, {
        tooltip: tooltip, xAxis: { type: 'category', data: l.values, name: l.param },
        yAxis: { type: 'value', name: st.objective, scale: true },
        series: [{ type: 'line', name: st.objective, data: l.scores, connectNulls: false, symbolSize: 7,
          markPoint: { symbol: 'pin', data: l.scores[l.chosen] === null ? [] : [{ name: 'chosen', coord: [l.chosen, l.scores[l.chosen]] }] } }]
      }, true);
    });
    table(s, ['Figure', 'Value'], [['Chosen point', st.chosenScore], ['Neighbours (one step along one parameter)', st.neighbours],
      ['Their mean', st.neighbourMeanScore], ['The worst of them', st.worstNeighbourScore]]);
  }

  // every counted trial: in-sample objective against the same point's on the holdout; the chosen point in red
  function scatter(se) {
    var s = section('Every trial: in-sample against holdout ' + se.objective);
    var others = se.scatter.filter(function (p) { return p[2] !== se.best; });
    var best = se.scatter.filter(function (p) { return p[2] === se.best; });
    chart(s, 'is-oos-scatter', {
      tooltip: { trigger: 'item', formatter: function (it) { return '#' + it.value[2] + ' ' + it.value[3] + '<br>in-sample ' + show(it.value[0]) + ', holdout ' + show(it.value[1]); } },
      legend: { top: 0 }, xAxis: { type: 'value', name: 'in-sample', scale: true }, yAxis: { type: 'value', name: 'holdout', scale: true },
      series: [{ type: 'scatter', name: 'trials', data: others, symbolSize: 7, itemStyle: { color: '#5b6b8c', opacity: 0.7 } },
               { type: 'scatter', name: 'chosen', data: best, symbolSize: 12, itemStyle: { color: '#c0392b' } }]
    }, true);
    table(s, ['Figure', 'Value'], [['Rank correlation, in-sample vs holdout (Spearman)', se.rankCorrelation],
      ['Trials', se.scatter.length]]);
    s.appendChild(el('p', 'note', 'Near 1: the in-sample ranking carries over; near 0 or below: it says little about the holdout. '
      + 'Only for looking: choosing by the holdout would make it in-sample.'));
  }

  function importance(se) {
    if (!se.importance.length) { return; }
    var s = section('Parameter importance: share of the ' + se.objective + ' variance each parameter explains');
    chart(s, 'importance', {
      tooltip: tooltip, grid: { left: 120 }, xAxis: { type: 'value', max: 1 },
      yAxis: { type: 'category', inverse: true, data: se.importance.map(function (p) { return p.param; }) },
      series: [{ type: 'bar', name: 'share', data: se.importance.map(function (p) { return p.share; }), itemStyle: { color: '#5b6b8c' } }]
    }, true);
  }

  // a heatmap of the best objective over any two parameters (the others maximised out), chosen in two lists
  function pairHeatmap(se) {
    var s = section('Parameter heatmap: best ' + se.objective + ' by any two parameters');
    var names = se.axes.map(function (a) { return a.name; });
    var bar = el('div', 'filters');
    var pick = [0, 1].map(function (k) {
      var sel = el('select');
      sel.setAttribute('data-axis', k ? 'y' : 'x');
      names.forEach(function (n, i) { var o = el('option', null, n); o.value = String(i); sel.appendChild(o); });
      sel.value = String(k);
      bar.appendChild(el('span', null, k ? ' by ' : 'x: '));
      bar.appendChild(sel);
      return sel;
    });
    s.appendChild(bar);
    var c = chart(s, 'heatmap', {});
    function draw() {
      var x = +pick[0].value, y = +pick[1].value, best = {}, vals = [];
      se.points.forEach(function (p) {
        var k = p[x] + ',' + p[y], v = p[p.length - 1];
        if (!(k in best) || v > best[k][2]) { best[k] = [p[x], p[y], v]; }
      });
      var cells = Object.keys(best).map(function (k) { vals.push(best[k][2]); return best[k]; });
      c.setOption({
        tooltip: { position: 'top' }, grid: { bottom: 60 },
        xAxis: { type: 'category', data: se.axes[x].values, name: names[x] }, yAxis: { type: 'category', data: se.axes[y].values, name: names[y] },
        visualMap: { min: Math.min.apply(null, vals), max: Math.max.apply(null, vals), calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
          inRange: { color: ['#c0392b', '#f7f7f7', '#1e9e5a'] } },
        series: [{ type: 'heatmap', name: se.objective, data: cells, label: { show: cells.length <= 100 } }]
      }, true);
      s.setAttribute('data-cells', String(cells.length));
    }
    pick.forEach(function (p) { p.addEventListener('change', draw); });
    draw();
  }

  // one line per trial across every parameter's axis and the objective's, coloured by the objective
  function parallel(se) {
    var s = section('Parallel coordinates: every counted trial');
    var n = se.axes.length, vals = se.points.map(function (p) { return p[n]; });
    chart(s, 'parallel', {
      parallelAxis: se.axes.map(function (a, i) { return { dim: i, name: a.name, type: 'category', data: a.values }; })
        .concat([{ dim: n, name: se.objective }]),
      parallel: { left: 40, right: 60, top: 40, bottom: 50 },
      visualMap: { dimension: n, min: Math.min.apply(null, vals), max: Math.max.apply(null, vals), calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
        inRange: { color: ['#c0392b', '#f0c419', '#1e9e5a'] } },
      series: [{ type: 'parallel', name: 'trials', data: se.points, lineStyle: { width: 1, opacity: 0.5 } }]
    });
  }

  function trials(rows) {
    var s = section('Best trials (whole in-sample period)');
    table(s, ['#', 'Parameters', 'Status', 'Score', 'Trades', 'Return %', 'Win rate %', 'Max DD %'],
      rows.map(function (t) { return [t.id, t.params, t.status, t.score, t.trades, t.returnPct, t.winRatePct, t.maxDrawdownPct]; }));
  }

  function compare(rows) {
    var s = section('In-sample vs out-of-sample');
    var ratios = rows.filter(function (r) { return r[0] !== 'Trades' && r[0] !== 'Days'; });
    chart(s, 'is-vs-oos', {
      tooltip: tooltip, legend: { top: 0 }, xAxis: { type: 'category', data: ratios.map(function (r) { return r[0]; }) }, yAxis: { type: 'value' },
      series: [{ type: 'bar', name: 'in-sample', data: ratios.map(function (r) { return r[1]; }) },
               { type: 'bar', name: 'out-of-sample', data: ratios.map(function (r) { return r[2]; }) }]
    }, true);
    table(s, ['Figure', 'In-sample', 'Out-of-sample'], rows);
    if (data.confidence) {
      s.appendChild(el('h2', null, 'Bootstrap 95% intervals'));
      table(s, ['Figure', 'In-sample', 'Out-of-sample'], data.confidence);
    }
  }

  function walk(wf) {
    // each numeric parameter's chosen value per test window, as steps over time: a stable choice is a flat line
    var names = [];
    wf.forEach(function (w) { Object.keys(w.paramValues || {}).forEach(function (k) {
      if (typeof w.paramValues[k] === 'number' && names.indexOf(k) < 0) { names.push(k); } }); });
    if (names.length) {
      var sp = section('Chosen parameters over time');
      chart(sp, 'wf-params', {
        tooltip: tooltip, legend: { top: 0 }, xAxis: timeAxis,
        yAxis: names.map(function (k, i) { return { type: 'value', name: k, position: i % 2 ? 'right' : 'left', offset: Math.floor(i / 2) * 50 }; }),
        series: names.map(function (k, i) {
          return { name: k, type: 'line', step: 'end', yAxisIndex: i, data: wf.filter(function (w) { return w.paramValues && typeof w.paramValues[k] === 'number'; })
            .map(function (w) { return [Date.parse(w.testFrom), w.paramValues[k]]; }) };
        })
      }, true);
    }
    var wc = data.walkCurves;
    if (wc && wc.stitched.length) {
      var sc = section('Stitched out-of-sample against each window\'s in-sample run of its chosen parameters (return %)');
      chart(sc, 'wf-curves', {
        tooltip: tooltip, legend: { top: 0, type: 'scroll' }, xAxis: timeAxis, yAxis: { type: 'value', name: '%' }, dataZoom: zoom,
        series: [{ name: 'stitched out-of-sample', type: 'line', showSymbol: false, data: wc.stitched, lineStyle: { width: 3 }, z: 3 }]
          .concat(wc.windows.map(function (w) {
            return { name: 'window ' + w.index + ' in-sample', type: 'line', showSymbol: false, data: w.points, lineStyle: { width: 1, opacity: 0.7 } };
          }))
      });
      table(sc, ['Figure', 'Value'], [['Mean in-sample annualised return % of the chosen parameters', wc.inSampleAnnualisedPct],
        ['Out-of-sample annualised return % (stitched)', wc.outOfSampleAnnualisedPct],
        ['Walk-forward efficiency (out-of-sample / in-sample)', wc.efficiency]]);
    }
    var s = section('Walk-forward windows');
    table(s, ['#', 'Train', 'Test', 'Best parameters', 'IS score', 'Test return %', 'Test trades', 'Verdict'], wf.map(function (w) {
      return [w.index, w.train, w.test, w.params, w.score, w.testReturnPct, w.testTrades, w.verdict];
    }));
  }

  try {
    verdict(data);
    if (data.compare) { compare(data.compare); }
    if (data.walkForward) { walk(data.walkForward); }
    if (data.kind === 'optimization') {
      // the decision first: the verdict, in-sample against out-of-sample, then the search; the two full backtest
      // reports follow, collapsed
      if (data.cpcv) { cpcv(data.cpcv); }
      if (data.stability) { stability(data.stability); }
      if (data.search && data.search.scatter && data.search.scatter.length) { scatter(data.search); }
      if (data.search) { importance(data.search); }
      if (data.search && data.search.axes.length >= 2) { pairHeatmap(data.search); } else if (data.heatmap) { heatmap(data.heatmap); }
      if (data.search && data.search.axes.length >= 3) { parallel(data.search); }
      if (data.trials) { trials(data.trials); }
      collapsed('Full report of the best trial, in-sample (click to open)', function () { run(data, '', 'in-sample, best parameters'); });
      if (data.oos_summary) {
        collapsed('Full report of the best trial, out-of-sample (click to open)', function () { run(data, 'oos_', 'out-of-sample'); });
      }
    } else {
      run(data, '', data.kind === 'backtest' ? '' : 'stitched out-of-sample');
      if (data.oos_summary) { run(data, 'oos_', 'out-of-sample'); }
      if (data.heatmap) { heatmap(data.heatmap); }
      if (data.trials) { trials(data.trials); }
    }
  } finally {
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.chart.resize(); }); });
    document.body.setAttribute('data-rendered', String(charts.length));
  }
})();
