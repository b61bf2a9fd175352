/* datasette-attribution: draw each chart of the page from its Vega-Lite
   specification (web/charts.py) with the Vega files shipped beside this one. */
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('figure.attr-vl').forEach(function (figure) {
    var spec = JSON.parse(figure.querySelector('script.attr-vl-spec').textContent);
    vegaEmbed(figure.querySelector('.attr-vl-chart'), spec, {actions: false, renderer: 'svg'})
      .catch(function (error) { figure.textContent = 'The chart could not be drawn: ' + error; });
  });
  // Sortable tables: a click on a heading sorts by that column (numbers by value).
  document.querySelectorAll('table.attr-sortable').forEach(function (table) {
    table.querySelectorAll('thead th').forEach(function (heading, index) {
      heading.classList.add('attr-sort');
      heading.setAttribute('role', 'button');
      heading.title = 'Sort by this column';
      heading.addEventListener('click', function () {
        var body = table.tBodies[0];
        var descending = heading.getAttribute('aria-sort') !== 'descending';
        table.querySelectorAll('thead th').forEach(function (h) { h.removeAttribute('aria-sort'); });
        heading.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        var key = function (row) {
          var cell = row.cells[index];
          var value = cell.getAttribute('data-sort');
          if (value === null) { value = cell.textContent.trim(); }
          var number = parseFloat(value);
          return isNaN(number) ? value.toLowerCase() : number;
        };
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (typeof x !== typeof y) { return typeof x === 'number' ? -1 : 1; }
          return (x < y ? -1 : x > y ? 1 : 0) * (descending ? -1 : 1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
});
