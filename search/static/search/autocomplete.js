// Suggestions for the search page's box, offered through the browser's native <datalist>
// (keyboard and screen reader support come with it). Without JavaScript the box is a plain form.
(function () {
  "use strict";
  var input = document.getElementById("search-query");
  if (!input || !input.dataset.suggestionsUrl || !window.fetch) {
    return;
  }
  var list = document.createElement("datalist");
  list.id = "search-query-suggestions";
  input.insertAdjacentElement("afterend", list);
  input.setAttribute("list", list.id);

  var timer = null;
  var lastQuery = "";
  var controller = null;

  function show(suggestions) {
    list.replaceChildren();
    suggestions.forEach(function (suggestion) {
      var option = document.createElement("option");
      option.value = suggestion.title;
      option.label = suggestion.type;
      list.appendChild(option);
    });
  }

  function update() {
    var query = input.value.trim();
    if (query.length < 2 || query === lastQuery) {
      return;
    }
    lastQuery = query;
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    var url = input.dataset.suggestionsUrl + "?q=" + encodeURIComponent(query.slice(0, 100));
    fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal })
      .then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      })
      .then(function (data) {
        show(data.suggestions || []);
      })
      .catch(function () {
        // Suggestions are a convenience: the form still works when they fail.
      });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 200);
  });
})();
