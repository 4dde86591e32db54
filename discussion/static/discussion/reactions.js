// Likes and flags without reloading the page. A like's count changes in place; « Signaler » opens
// the reasons under the comment (from the <template id="signalement-modele"> of the thread) and
// the answer replaces them. The forms ask for JSON; on any failure the form is sent as usual, and
// without JavaScript nothing here runs: the like form posts and the « Signaler » link leads to
// the flag page. Pages served from a cache carry no CSRF token: it comes from csrf.js's one request.
(function () {
  "use strict";
  var status = document.querySelector("[data-reactions-status]");
  var template = document.getElementById("signalement-modele");

  function announce(text) {
    if (status) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
  }

  // A page with a token in its forms has no csrf.js; one without (from a cache) shares csrf.js's
  // single request: a second one could set another cookie.
  function token(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (input && input.value) {
      return Promise.resolve(input.value);
    }
    if (!window.discussionCsrfToken) {
      return Promise.reject(new Error("CSRF token: csrf.js is missing"));
    }
    return window.discussionCsrfToken().then(function (jeton) {
      if (input) {
        input.value = jeton;  // a flag form added since csrf.js filled the page's inputs
      }
      return jeton;
    });
  }

  function send(form) {
    return token(form)
      .then(function () {
        return fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          credentials: "same-origin",
          headers: { Accept: "application/json" }
        });
      })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) {
            var error = new Error(data.message || "HTTP " + response.status);
            error.data = data;
            throw error;
          }
          return data;
        });
      });
  }

  // Listened on the form itself, before csrf.js (on the document) would send it the usual way.
  function onSubmit(form, done) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      event.stopPropagation();
      var button = form.querySelector("[type=submit]");
      button.disabled = true;
      send(form).then(
        function (data) {
          button.disabled = false;
          done(data);
        },
        function (error) {
          if (error.data && error.data.message) {
            button.disabled = false;
            announce(error.data.message);
            return;
          }
          form.submit();
        }
      );
    });
  }

  document.querySelectorAll("form.discussion-comment__like").forEach(function (form) {
    onSubmit(form, function (data) {
      var count = form.querySelector("[data-like-count]");
      if (count) {
        count.textContent = data.count;
      }
      announce("Votre « j’aime » est compté : " + data.count + " « j’aime ».");
    });
  });

  if (!template) {
    return;
  }
  document.querySelectorAll("a[data-flag-comment]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var actions = link.closest(".discussion-comment__actions");
      var open = actions.parentNode.querySelector(".discussion-flag-inline");
      event.preventDefault();
      if (open) {
        open.querySelector("legend").focus();
        return;
      }
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.replace(/__n__/g, link.dataset.flagComment);
      var form = holder.querySelector("form");
      form.action = link.href;
      actions.parentNode.insertBefore(form, actions.nextSibling);
      link.setAttribute("aria-expanded", "true");
      form.querySelector("[data-flag-cancel]").addEventListener("click", function () {
        form.remove();
        link.removeAttribute("aria-expanded");
        link.focus();
      });
      onSubmit(form, function (data) {
        var thanks = document.createElement("p");
        thanks.className = "fr-text--sm fr-mt-1w discussion-flag-thanks";
        thanks.setAttribute("tabindex", "-1");
        thanks.textContent = data.message;
        form.replaceWith(thanks);
        link.remove();
        thanks.focus();
        announce(data.message);
      });
      form.querySelector("legend").focus();
    });
  });
})();
