// Forms of pages served from the page cache carry no CSRF token (one visitor's token must never
// be served to another): fetch the visitor's own token when a form is first used, then send.
// Without JavaScript the server answers the post with the form filled in and a fresh token.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.jetonUrl;
  var pending = null;

  function inputs() {
    return document.querySelectorAll("input[data-jeton-csrf]");
  }

  function fetchToken() {
    if (!pending) {
      pending = fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("CSRF token: HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          inputs().forEach(function (input) {
            input.value = data.jeton;
          });
          return data.jeton;
        })
        .catch(function (error) {
          pending = null;
          throw error;
        });
    }
    return pending;
  }

  function protectedForm(element) {
    var form = element && element.closest ? element.closest("form") : null;
    return form && form.querySelector("input[data-jeton-csrf]") ? form : null;
  }

  if (!url) {
    return;
  }
  // One request per page: reactions.js asks here too. Two requests without a cookie yet would each
  // set a different secret, and the token of one would be refused with the cookie of the other.
  window.discussionCsrfToken = fetchToken;
  document.addEventListener("focusin", function (event) {
    if (protectedForm(event.target)) {
      fetchToken().catch(function () {});
    }
  });
  document.addEventListener("submit", function (event) {
    var form = protectedForm(event.target);
    if (!form || form.querySelector("input[data-jeton-csrf]").value) {
      return;
    }
    event.preventDefault();
    // On failure the form goes anyway: the server then shows it again with a token to confirm.
    fetchToken().then(
      function () { form.submit(); },
      function () { form.submit(); }
    );
  });
})();
