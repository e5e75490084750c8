/* After a server-side error, move focus to the form's error summary
   (templates/includes/_form_errors.html); a link in it focuses its field and shows
   the field's label. Loaded with every page; without it the summary is still
   announced (role="alert") and its links still jump to the fields. */
(function () {
  "use strict";
  function focusField(event) {
    var id = decodeURIComponent(this.hash.slice(1));
    var input = document.getElementById(id);
    if (!input) { return; }
    event.preventDefault();
    var label = document.querySelector('label[for="' + id + '"]') ||
      (input.closest("fieldset") && input.closest("fieldset").querySelector("legend"));
    (label || input).scrollIntoView();
    input.focus({ preventScroll: true });
  }
  function init() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    summary.querySelectorAll('a[href^="#"]').forEach(function (link) {
      link.addEventListener("click", focusField);
    });
    summary.focus();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
