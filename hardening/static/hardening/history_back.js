// « Revenir au formulaire »: back in the history, where the browser still holds what was typed;
// without JavaScript, the link loads the form again.
document.querySelectorAll("[data-history-back]").forEach((link) => {
  link.addEventListener("click", (event) => {
    if (window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
});
